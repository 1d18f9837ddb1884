// Calls that read images: a grid page, one image's record, its thumbnail and its imported file as bytes.
import { readFile } from 'node:fs/promises';
import type { ValidCallRequest } from '../../../contract/api-contract.ts';
import { ApiError } from '../../../contract/api-error.ts';
import type { ImageBytes } from '../../../contract/api-responses.ts';
import { blobPath, thumbnailPath } from '../../project/project-folder.ts';
import type { GridCursor, GridFilter } from '../../store/grid.ts';
import { classId, imageId } from '../../store/ids.ts';
import type { HandlerTable } from '../service-context.ts';

type ImageCalls = 'images.page' | 'images.ids' | 'images.getMany' | 'images.get' | 'images.thumbnail' | 'images.original';

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif' };

async function bytesOf(path: string, mime: string, what: string): Promise<ImageBytes> {
  try {
    const data = await readFile(path);
    // A fresh ArrayBuffer of exactly the file: Buffers may share a larger pool that must not cross the boundary.
    return { mime, bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('not-found', 'imageId', `the ${what} of this image is missing from the project folder`);
    throw error;
  }
}

type ContractFilter = ValidCallRequest<'images.page'>['filter'];

function toStoreFilter(filter: ContractFilter): GridFilter {
  return filter.kind === 'class' ? { kind: 'class', classId: filter.classId === null ? null : classId(filter.classId) } : filter;
}

export const imageHandlers: HandlerTable<ImageCalls> = {
  'images.page': ({ project, filter, sort, after, limit }, ctx) => {
    return ctx.project(project).store.images.page({ filter: toStoreFilter(filter), sort, after: (after ?? null) as GridCursor | null, limit });
  },
  'images.ids': ({ project, filter, sort }, ctx) => {
    const ids = ctx.project(project).store.images.ids(toStoreFilter(filter), sort);
    return { count: ids.length, ids: ids.buffer as ArrayBuffer };
  },
  'images.getMany': ({ project, imageIds }, ctx) => ctx.project(project).store.images.getMany(imageIds.map(imageId)),
  'images.get': ({ project, imageId: id }, ctx) => ctx.project(project).store.images.get(imageId(id)),
  'images.thumbnail': async ({ project, imageId: id }, ctx) => {
    const { store, paths } = ctx.project(project);
    const image = store.images.get(imageId(id));
    if (!image.hasThumbnail) throw new ApiError('not-found', 'imageId', `image ${id} has no thumbnail (it could not be read)`);
    return bytesOf(thumbnailPath(paths.root, image.sha256), 'image/jpeg', 'thumbnail');
  },
  'images.original': async ({ project, imageId: id }, ctx) => {
    const { store, paths } = ctx.project(project);
    const image = store.images.get(imageId(id));
    if (!image.hasBlob) throw new ApiError('not-found', 'imageId', `image ${id} has no stored file`);
    return bytesOf(blobPath(paths.root, image.sha256, image.format), MIME[image.format ?? ''] ?? 'application/octet-stream', 'file');
  },
};
