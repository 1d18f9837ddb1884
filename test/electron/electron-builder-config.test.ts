// build/electron-builder.yml checked by electron-builder's own configuration loader and schema (no packaging, no
// download), plus what the app needs of it: the bundle as entry, native packages outside the asar, every target.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const repo = process.cwd();

async function config(): Promise<Record<string, unknown>> {
  return (await getConfig(repo, join(repo, 'build', 'electron-builder.yml'), null)) as unknown as Record<string, unknown>;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own validation', async () => {
    const loaded = await config();
    await expect(validateConfiguration(loaded as never, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is refused by that validation when an option is misspelt', async () => {
    const loaded = { ...(await config()), asarUnpak: ['**/*.node'] };
    await expect(validateConfiguration(loaded as never, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
  });

  it('starts the bundled shell and keeps native code outside the asar', async () => {
    const loaded = await config();
    expect(loaded).toMatchObject({ appId: 'app.filterbank.desktop', productName: 'Filterbank', extraMetadata: { main: 'dist/electron/main.mjs' }, npmRebuild: true });
    // The loader normalises the list to [{ filter: [...] }].
    expect((loaded.files as { filter: string[] }[])[0].filter).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*']));
    expect(loaded.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**/*', 'node_modules/sharp/**/*', 'node_modules/@img/**/*']));
  });

  // The WebGPU training and probe processes are child_process.fork()ed from the main process, which Electron
  // runs as Node through ELECTRON_RUN_AS_NODE: switching off the runAsNode fuse would break them.
  it('leaves the runAsNode fuse on, which fork() in the main process needs', async () => {
    const fuses = (await config()).electronFuses as Record<string, unknown> | undefined;
    expect(fuses?.runAsNode ?? true).toBe(true);
  });

  it('builds an AppImage and a deb, an NSIS installer and a dmg', async () => {
    const loaded = (await config()) as Record<string, { target?: string[] }>;
    expect(loaded.linux.target).toEqual(['AppImage', 'deb']);
    expect(loaded.win.target).toEqual(['nsis']);
    expect(loaded.mac.target).toEqual(['dmg']);
  });
});
