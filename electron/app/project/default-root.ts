// Where projects live unless the user picks another folder: the platform's per-user data folder. A pure
// function of (platform, environment, home folder), so every platform's answer is tested on any machine.
import { posix, win32 } from 'node:path';
import { safeFolderName } from '../files/safe-name.ts';

export const APP_FOLDER_NAME = 'Filterbank';
export const PROJECTS_FOLDER_NAME = 'Projects';

/** The app's own data folder: ~/.local/share/Filterbank, %APPDATA%\Filterbank, ~/Library/Application Support/Filterbank. */
export function userDataFolder(platform: string, env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  if (platform === 'win32') {
    const appData = env.APPDATA;
    const base = appData !== undefined && win32.isAbsolute(appData) ? appData : win32.join(homedir, 'AppData', 'Roaming');
    return win32.join(base, APP_FOLDER_NAME);
  }
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', APP_FOLDER_NAME);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const base = xdg !== undefined && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.local', 'share');
  return posix.join(base, APP_FOLDER_NAME);
}

export function defaultProjectsRoot(platform: string, env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const join = platform === 'win32' ? win32.join : posix.join;
  return join(userDataFolder(platform, env, homedir), PROJECTS_FOLDER_NAME);
}

/** A folder name for a project name that every platform accepts ('Birds: 2024?' → 'Birds_ 2024_'). */
export function projectFolderName(name: string): string {
  // A name with no letter or digit at all ('???', '...') would make a meaningless folder name.
  // Leading dots would hide the folder on macOS and Linux.
  return /[\p{L}\p{N}]/u.test(name) ? safeFolderName(name.replace(/^[.\s]+/, '')) : 'Project';
}
