// The resolver behind filterbank-image://local/<project>/<thumb|original>/<imageId>: a request URL becomes a
// file inside that project's thumbs/ or blobs/ folder, or a refusal. The URL is judged as written (before
// anything could decode or normalise it), the image is looked up through the API service, and the file's real
// path is checked against the project's real folders on every request, so neither the URL nor a symbolic link
// in the project can lead anywhere else.
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { ApiError } from '../contract/api-error.ts';
import { projectKey } from '../contract/request-schemas.ts';
import { blobPath, thumbnailPath } from '../app/project/project-folder.ts';
import { contentType } from '../web/static-files.ts';
import { IMAGE_SCHEME } from './app-location.ts';

export const IMAGE_HOST = 'local';
export const IMAGE_KINDS = ['thumb', 'original'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export interface ImageRequest {
  readonly project: string;
  readonly kind: ImageKind;
  readonly imageId: number;
}

/** What the resolver needs to know of an image; the store's ImageSample has these fields. */
export interface ImageRecord {
  readonly sha256: string;
  readonly format: string | null;
  readonly hasThumbnail: boolean;
  readonly hasBlob: boolean;
}

/** Looks an image up; rejects with an ApiError (not-found, forbidden) as the service does. */
export type ImageRecords = (project: string, imageId: number) => Promise<ImageRecord>;

export type ImageResolution =
  | { readonly status: 200; readonly path: string; readonly mime: string }
  | { readonly status: 400 | 403 | 404 | 500; readonly reason: string };

// A project key is at most 255 characters, each at most 9 when percent-encoded (a 4-byte UTF-8 character).
const MAX_URL_LENGTH = 4096;
const PREFIX = new RegExp(`^${IMAGE_SCHEME}://${IMAGE_HOST}/`, 'i');
const IMAGE_ID = /^[1-9][0-9]{0,15}$/;
const SHA256 = /^[0-9a-f]{64}$/;
// eslint-disable-next-line no-control-regex -- control characters and white space never appear in our URLs
const RAW_FORBIDDEN = /[\u0000-\u0020\u007f\\?#]/;

/** The URL the page puts in an <img src>: the project's folder name is one encoded path segment. */
export function imageUrl(project: string, kind: ImageKind, imageId: number): string {
  return `${IMAGE_SCHEME}://${IMAGE_HOST}/${encodeURIComponent(project)}/${kind}/${imageId}`;
}

/**
 * The request a URL names, or null. Refused: anything but exactly three segments after the fixed host, query
 * strings and fragments, backslashes, control characters, encoded '/', '\' or NUL, '.'-segments and dot-names in
 * any encoding, text that is still percent-encoded after one decoding (double encoding), unknown kinds, and ids
 * that are not a positive integer below 2^53.
 */
export function parseImageUrl(url: unknown): ImageRequest | null {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH || !PREFIX.test(url)) return null;
  const rest = url.slice(url.indexOf('//') + 2 + IMAGE_HOST.length + 1);
  if (RAW_FORBIDDEN.test(rest)) return null;
  const segments = rest.split('/');
  if (segments.length !== 3) return null;
  const [rawProject, kind, rawId] = segments;
  if (!(IMAGE_KINDS as readonly string[]).includes(kind)) return null;
  if (!IMAGE_ID.test(rawId) || Number(rawId) > Number.MAX_SAFE_INTEGER) return null;
  if (/%(2f|5c|00)/i.test(rawProject)) return null;
  let project: string;
  try {
    project = decodeURIComponent(rawProject);
  } catch {
    return null;
  }
  // Decoded once, never again; so anything that still looks encoded was encoded twice on purpose.
  if (/%[0-9a-f]{2}/i.test(project)) return null;
  // The contract's own rule for a project name: a folder name, never a path, never hidden, no control characters.
  if (!projectKey.safeParse(project).success || isAbsolute(project) || /^[a-z]:/i.test(project)) return null;
  return { project, kind: kind as ImageKind, imageId: Number(rawId) };
}

/** Looks images up through the API service, so the project is opened and checked the one way every call is. */
export function serviceImageRecords(service: { handle(call: unknown, payload: unknown): Promise<unknown> }): ImageRecords {
  return async (project, imageId) => (await service.handle('images.get', { project, imageId })) as ImageRecord;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function realOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}

const REFUSAL_STATUS: Partial<Record<string, 400 | 403 | 404>> = { 'not-found': 404, forbidden: 403, 'invalid-request': 400 };

/** The file a request URL names, after every check; `projectsFolder` is the folder the service was given. */
export async function resolveImageFile(url: unknown, projectsFolder: string, records: ImageRecords): Promise<ImageResolution> {
  const request = parseImageUrl(url);
  if (!request) return { status: 400, reason: 'not an image address' };
  const folder = await realOrNull(projectsFolder);
  const root = folder && (await realOrNull(join(folder, request.project)));
  // The project itself must be a folder directly inside the projects folder, even through a symbolic link.
  if (!folder || !root) return { status: 404, reason: 'no such project' };
  if (!inside(folder, root) || relative(folder, root).includes(sep)) return { status: 403, reason: 'the project is not inside the projects folder' };

  let record: ImageRecord;
  try {
    record = await records(request.project, request.imageId);
  } catch (error) {
    const apiError = ApiError.from(error);
    return { status: REFUSAL_STATUS[apiError.code] ?? 500, reason: apiError.message };
  }
  if (!SHA256.test(record.sha256)) return { status: 500, reason: 'the image record is damaged' };
  const wanted = request.kind === 'thumb' ? record.hasThumbnail : record.hasBlob;
  if (!wanted) return { status: 404, reason: `image ${request.imageId} has no ${request.kind === 'thumb' ? 'thumbnail' : 'stored file'}` };

  const path = request.kind === 'thumb' ? thumbnailPath(root, record.sha256) : blobPath(root, record.sha256, record.format);
  const allowed = await realOrNull(join(root, request.kind === 'thumb' ? 'thumbs' : 'blobs'));
  const real = await realOrNull(path);
  if (!allowed || !real) return { status: 404, reason: 'the file is missing from the project folder' };
  if (!inside(allowed, real)) return { status: 403, reason: 'the file lies outside the project folder' };
  const info = await stat(real);
  if (!info.isFile()) return { status: 404, reason: 'the file is missing from the project folder' };
  return { status: 200, path: real, mime: request.kind === 'thumb' ? 'image/jpeg' : contentType(real) };
}

export interface ImageResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | null;
}

/** The whole answer to one request: the file's bytes, or an empty refusal whose reason stays in the main process. */
export async function imageResponse(url: unknown, projectsFolder: string, records: ImageRecords): Promise<ImageResponse> {
  const resolution = await resolveImageFile(url, projectsFolder, records);
  const headers = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  if (resolution.status !== 200) return { status: resolution.status, headers, body: null };
  try {
    const body = await readFile(resolution.path);
    return { status: 200, headers: { ...headers, 'Content-Type': resolution.mime }, body };
  } catch {
    return { status: 404, headers, body: null };
  }
}
