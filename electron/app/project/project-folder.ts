// The layout of a project folder: project.db, content-addressed photos in blobs/, thumbnails, cached training
// tensors, run checkpoints and exports.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunId } from '../store/ids.ts';
import type { ProjectSettings } from '../store/types.ts';

export const PROJECT_DATABASE = 'project.db';
export const PROJECT_FOLDERS = ['blobs', 'thumbs', 'cache', 'runs', 'exports'] as const;

export interface ProjectPaths {
  readonly root: string;
  readonly database: string;
  readonly blobs: string;
  readonly thumbs: string;
  readonly cache: string;
  readonly runs: string;
  readonly exports: string;
}

export function projectPaths(root: string): ProjectPaths {
  return {
    root,
    database: join(root, PROJECT_DATABASE),
    blobs: join(root, 'blobs'),
    thumbs: join(root, 'thumbs'),
    cache: join(root, 'cache'),
    runs: join(root, 'runs'),
    exports: join(root, 'exports'),
  };
}

/** Creates whichever of the project's folders are missing. */
export function ensureProjectFolders(root: string): void {
  for (const folder of PROJECT_FOLDERS) mkdirSync(join(root, folder), { recursive: true });
}

/** File extension of a stored original; unknown formats keep their bytes under .bin. */
export function blobExtension(format: string | null): string {
  if (format === null) return 'bin';
  return format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : format;
}

// 256 subfolders by the first two hex digits keep any one folder to a few hundred files at 100,000 photos.
const shard = (sha256: string): string => sha256.slice(0, 2);

/** blobs/ab/abcdef….jpg: the original bytes, named by their SHA-256. */
export function blobPath(root: string, sha256: string, format: string | null): string {
  return join(root, 'blobs', shard(sha256), `${sha256}.${blobExtension(format)}`);
}

export function thumbnailPath(root: string, sha256: string, format: 'jpeg' | 'webp' = 'jpeg'): string {
  return join(root, 'thumbs', shard(sha256), `${sha256}.${format === 'jpeg' ? 'jpg' : 'webp'}`);
}

/** The settings a cached training tensor depends on. */
export type TensorSettings = Pick<ProjectSettings, 'inputHeight' | 'inputWidth' | 'channels' | 'resizeMode' | 'jpegDraft'>;

/**
 * Names the preprocessing in the path, so a tensor made at another input size (or with JPEG draft decoding
 * on where it is now off, or the reverse) is never read by mistake. Without the draft, the names of before.
 */
export function tensorCacheKey(settings: TensorSettings): string {
  return `${settings.inputHeight}x${settings.inputWidth}x${settings.channels}-${settings.resizeMode}${settings.jpegDraft ? '-jpegdraft' : ''}`;
}

/** cache/64x64x3-crop/ab/abcdef….u8: the 8-bit HWC training tensor. */
export function tensorPath(root: string, sha256: string, settings: TensorSettings): string {
  return join(root, 'cache', tensorCacheKey(settings), shard(sha256), `${sha256}.u8`);
}

export function runFolder(root: string, run: RunId): string {
  return join(root, 'runs', String(run));
}
