// Finding the Electron binary without triggering its download, on fake installs in temporary folders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary } from './electron-binary.ts';

const folders: string[] = [];
function install(files: Record<string, string>): string {
  const repo = mkdtempSync(join(tmpdir(), 'filterbank-electron-install-'));
  folders.push(repo);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  return repo;
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('electronBinary', () => {
  it('says why when the package was installed without its binary', () => {
    const repo = install({ 'node_modules/electron/package.json': '{}' });
    expect(electronBinary(repo, { DISPLAY: ':0' }, 'linux')).toEqual({ path: null, reason: expect.stringMatching(/not installed.*path\.txt/) });
  });

  it('says why when path.txt names a binary that is not there', () => {
    const repo = install({ 'node_modules/electron/path.txt': 'electron' });
    expect(electronBinary(repo, { DISPLAY: ':0' }, 'linux')).toEqual({ path: null, reason: expect.stringMatching(/missing/) });
  });

  it('finds the binary, or the override, and needs a display on Linux only', () => {
    const repo = install({ 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '', 'override/electron': '' });
    expect(electronBinary(repo, { DISPLAY: ':0' }, 'linux')).toEqual({ path: join(repo, 'node_modules/electron/dist/electron'), reason: '' });
    expect(electronBinary(repo, { ELECTRON_OVERRIDE_DIST_PATH: join(repo, 'override'), WAYLAND_DISPLAY: 'wayland-0' }, 'linux').path).toBe(join(repo, 'override/electron'));
    expect(electronBinary(repo, {}, 'linux')).toEqual({ path: null, reason: expect.stringMatching(/display/) });
    expect(electronBinary(repo, {}, 'win32').path).not.toBeNull();
  });
});
