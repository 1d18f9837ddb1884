// Replacing a file so that a crash at any moment leaves either the previous file or the new one, never a torn
// one: a temporary beside the target, fsync, rename over it, fsync the folder.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryPathFor } from '../project/temporary-files.ts';

export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const folder = join(target, '..');
  await mkdir(folder, { recursive: true });
  const temporary = temporaryPathFor(target);
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself is durable only once the folder's entry is on disk.
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
