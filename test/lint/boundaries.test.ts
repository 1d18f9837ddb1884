// The lint rule that says where code may run: core/ stays free of Node, DOM and Electron; renderer/ of Node.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('boundary lint rules', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'no-restricted-imports'],
    ["import { join } from 'path';\nexport const j = join;\n", 'no-restricted-imports'],
    ["import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports'],
    ["import Database from 'better-sqlite3';\nexport const d = Database;\n", 'no-restricted-imports'],
    ['export const body = document.body;\n', 'no-restricted-globals'],
    ['export const env = process.env;\n', 'no-restricted-globals'],
    ['export const b = Buffer.from([1]);\n', 'no-restricted-globals'],
  ])('rejects in core/: %s', async (code, rule) => {
    expect(await ruleIds(code, 'core/example.ts')).toContain(rule);
  });

  it('accepts environment-neutral code in core/', async () => {
    expect(await ruleIds("import { z } from 'zod';\nexport const n = z.number();\n", 'core/example.ts')).toEqual([]);
    // Relative paths that share a name with a Node module are our own code.
    expect(await ruleIds("import { Rng } from '../util/rng.ts';\nexport const r = Rng;\n", 'core/nn/example.ts')).toEqual([]);
  });

  it.each([
    ["import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n"],
    ["import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['export const cwd = process.cwd();\n'],
  ])('rejects Node in renderer/: %s', async (code) => {
    const ids = await ruleIds(code, 'renderer/example.tsx');
    expect(ids.some((id) => id === 'no-restricted-imports' || id === 'no-restricted-globals')).toBe(true);
  });

  it('lets the main process use Node', async () => {
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", 'electron/app/example.ts')).toEqual([]);
  });

  it('lets the page import the API contract and nothing else of the main process', async () => {
    expect(await ruleIds("import { apiCalls } from '../electron/contract/api-contract.ts';\nexport const c = apiCalls;\n", 'renderer/example.tsx')).toEqual([]);
    expect(await ruleIds("import { ProjectLibrary } from '../electron/app/api/project-library.ts';\nexport const p = ProjectLibrary;\n", 'renderer/example.tsx')).toContain('no-restricted-imports');
  });

  it('keeps the contract free of Node and of service code, types excepted', async () => {
    expect(await ruleIds("import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n", 'electron/contract/example.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { ProjectLibrary } from '../app/api/project-library.ts';\nexport const p = ProjectLibrary;\n", 'electron/contract/example.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import type { ImageSample } from '../app/store/types.ts';\nexport type I = ImageSample;\n", 'electron/contract/example.ts')).toEqual([]);
  });

  it('refuses channel names typed by hand', async () => {
    expect(await ruleIds("export const channel = 'filterbank:call:labels.assign';\n", 'electron/shell/example.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds('export const channel = `filterbank:event`;\n', 'renderer/example.ts')).toContain('no-restricted-syntax');
  });
});
