// Where files uploaded by a browser-mode drop wait until their import has copied them into the project:
// cache/uploads/<uploadId>/<relative path>, each path segment made safe so nothing lands outside that folder.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError } from '../../../contract/api-error.ts';
import { safeFileName, safeFolderName } from '../../files/safe-name.ts';
import { writeFileAtomic } from '../../files/write-file-atomic.ts';
import type { ProjectPaths } from '../../project/project-folder.ts';

export function newUploadId(): string {
  return randomUUID();
}

export function uploadFolder(paths: ProjectPaths, uploadId: string): string {
  return join(paths.cache, 'uploads', uploadId);
}

/** Writes one uploaded file under the upload's folder; the browser's relative path keeps its class folders. */
export async function stageUpload(folder: string, relativePath: string, bytes: ArrayBuffer): Promise<string> {
  const segments = relativePath.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) throw new ApiError('invalid-request', 'files.relativePath', `"${relativePath}" is not a relative file path`);
  const file = segments.pop()!;
  const target = join(folder, ...segments.map(safeFolderName), safeFileName(file));
  mkdirSync(dirname(target), { recursive: true });
  await writeFileAtomic(target, new Uint8Array(bytes));
  return target;
}

/** What to import: the top-level entries of the upload, as a desktop drop would hand them over. */
export function stagedRoots(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).sort().map((name) => join(folder, name));
}

export async function removeUpload(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}
