// Moving one file without ever overwriting: rename on the same device, copy then unlink across devices
// (keeping the modification time, so the file looks as before to the user and to undo's checks).
import { constants } from 'node:fs';
import { copyFile, lstat, rename, rm, stat, unlink, utimes } from 'node:fs/promises';

/** Throws EEXIST if `target` exists. */
export async function moveFile(source: string, target: string): Promise<void> {
  // rename replaces an existing file silently; this check keeps a clash from doing so (a race remains only
  // with another program creating the same name at the same instant).
  if (await lstat(target).then(() => true, () => false)) {
    throw Object.assign(new Error(`EEXIST: file already exists, move '${source}' -> '${target}'`), { code: 'EEXIST' });
  }
  try {
    await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const { atime, mtime } = await stat(source);
    await copyFile(source, target, constants.COPYFILE_EXCL);
    try {
      await utimes(target, atime, mtime);
      await unlink(source);
    } catch (e) {
      await rm(target, { force: true });
      throw e;
    }
  }
}
