// Electronegativity over the Electron shell, as CI runs it: no HIGH-severity finding that is not accepted with a
// reason in build/security/electronegativity-accepted.json. A deliberately insecure window proves the scan bites.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, passed, readAccepted, summary } from '../../build/security/check-electronegativity.mjs';
import { DEFAULT_INPUT, scan } from '../../build/security/electronegativity.mjs';

describe('electronegativity', () => {
  it('finds no unaccepted HIGH finding in electron/shell, and every acceptance still applies', { timeout: 60_000 }, async () => {
    const report = await scan(DEFAULT_INPUT);
    expect(report.electronVersion).toMatch(/^45\./);
    const verdict = judge(report, readAccepted());
    expect(passed(verdict), summary(verdict)).toBe(true);
  });

  it('fails an insecure window', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'filterbank-insecure-'));
    try {
      writeFileSync(
        join(folder, 'insecure.ts'),
        "import { BrowserWindow } from 'electron';\n" +
          "export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });\n",
      );
      const verdict = judge(await scan(folder), readAccepted());
      expect(passed(verdict)).toBe(false);
      // No will-navigate handler either: the navigation check, silent on electron/shell, fires here.
      expect(verdict.failures.map((f) => `${f.id} ${f.file}`)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK insecure.ts', 'LIMIT_NAVIGATION_GLOBAL_CHECK N/A']));
      expect(verdict.others.map((f) => f.id)).toEqual(expect.arrayContaining(['SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']));
      // The acceptance for main.ts does not cover another file.
      expect(verdict.stale.map((e) => e.id)).toContain('CONTEXT_ISOLATION_JS_CHECK');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses accepted entries without a reason, and reports parse errors as failures', () => {
    const folder = mkdtempSync(join(tmpdir(), 'filterbank-accepted-'));
    try {
      const path = join(folder, 'accepted.json');
      writeFileSync(path, JSON.stringify([{ id: 'X', file: 'main.ts', reason: '' }]));
      expect(() => readAccepted(path)).toThrow(/reason/);
      writeFileSync(path, JSON.stringify({ id: 'X' }));
      expect(() => readAccepted(path)).toThrow(/list/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const verdict = judge({ findings: [], errors: [{ file: 'main.ts', message: 'Unexpected token' }] }, []);
    expect(passed(verdict)).toBe(false);
  });
});
