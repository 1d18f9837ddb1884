// Whether the real Electron binary is installed, found the way node_modules/electron/index.js finds it but
// without its fallback: requiring 'electron' under plain Node downloads the binary when it is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ElectronBinary {
  /** The executable, or null when the app cannot be launched here. */
  readonly path: string | null;
  /** Why it cannot, in a sentence for the test report; '' when it can. */
  readonly reason: string;
}

export function electronBinary(repo: string, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): ElectronBinary {
  const folder = join(repo, 'node_modules', 'electron');
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'the Electron binary is not installed (no node_modules/electron/path.txt); `npm install` downloads it on a machine with network access' };
  }
  const executable = readFileSync(pathFile, 'utf8').trim();
  const path = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable) : join(folder, 'dist', executable);
  if (!existsSync(path)) return { path: null, reason: `the Electron binary is missing at ${path}; reinstall the electron package` };
  // Electron on Linux needs a display server; CI runs the suite under xvfb-run.
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { path: null, reason: 'no display to open a window on (run under xvfb-run)' };
  return { path, reason: '' };
}
