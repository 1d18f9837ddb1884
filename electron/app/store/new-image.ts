// A photo about to be added, as the importer or a test describes it, and the checks it must pass first.
import type { ClassId } from './ids.ts';
import { StoreError } from './store-error.ts';
import { SPLITS, type Split } from './types.ts';
import { requireBoolean, requireId, requireInteger, requireObject, requireOneOf, requireSha256, requireText } from './validate.ts';

const MAX_SIDE = 1 << 20;

export interface NewImage {
  readonly sha256: string;
  readonly fileName: string;
  readonly folder: string;
  readonly byteSize: number;
  /** Required for a decoded image; null or absent when unreadable. */
  readonly format?: string | null;
  readonly width?: number | null;
  readonly height?: number | null;
  /** Present when the bytes could not be decoded: a short code and a sentence for the user. */
  readonly unreadable?: { readonly code: string; readonly reason: string } | null;
  readonly classId?: ClassId | null;
  /** From a train/val/test folder; absent lets the hash decide. */
  readonly split?: Split | null;
  readonly hasBlob?: boolean;
  readonly hasThumbnail?: boolean;
  readonly hasTensor?: boolean;
  /** Default: now. */
  readonly importedAt?: number;
}

export interface ValidNewImage {
  sha256: string;
  fileName: string;
  folder: string;
  byteSize: number;
  format: string | null;
  width: number | null;
  height: number | null;
  unreadable: { code: string; reason: string } | null;
  classId: number | null;
  split: Split | null;
  hasBlob: boolean;
  hasThumbnail: boolean;
  hasTensor: boolean;
  importedAt: number | null;
}

const optionalFlag = (field: string, value: unknown): boolean => (value === undefined ? false : requireBoolean(field, value));

export function requireNewImage(field: string, value: unknown): ValidNewImage {
  const o = requireObject(field, value);
  const unreadable = o.unreadable === undefined || o.unreadable === null ? null : requireUnreadable(`${field}.unreadable`, o.unreadable);
  const optionalSide = (name: string, v: unknown): number | null => (v === undefined || v === null ? null : requireInteger(`${field}.${name}`, v, 1, MAX_SIDE));
  const image: ValidNewImage = {
    sha256: requireSha256(`${field}.sha256`, o.sha256),
    fileName: requireText(`${field}.fileName`, o.fileName, 1024),
    folder: requireText(`${field}.folder`, o.folder, 4096),
    byteSize: requireInteger(`${field}.byteSize`, o.byteSize, 0, Number.MAX_SAFE_INTEGER),
    format: o.format === undefined || o.format === null ? null : requireFormat(`${field}.format`, o.format),
    width: optionalSide('width', o.width),
    height: optionalSide('height', o.height),
    unreadable,
    classId: o.classId === undefined || o.classId === null ? null : requireId(`${field}.classId`, o.classId),
    split: o.split === undefined || o.split === null ? null : requireOneOf(`${field}.split`, o.split, SPLITS),
    hasBlob: optionalFlag(`${field}.hasBlob`, o.hasBlob),
    hasThumbnail: optionalFlag(`${field}.hasThumbnail`, o.hasThumbnail),
    hasTensor: optionalFlag(`${field}.hasTensor`, o.hasTensor),
    importedAt: o.importedAt === undefined ? null : requireInteger(`${field}.importedAt`, o.importedAt, 0, Number.MAX_SAFE_INTEGER),
  };
  if (unreadable === null && (image.format === null || image.width === null || image.height === null)) {
    throw new StoreError('invalid', field, `${field} needs format, width and height (or unreadable with a reason)`);
  }
  return image;
}

function requireFormat(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9]{1,16}$/.test(value)) throw new StoreError('invalid', field, `${field} must be a short lowercase name such as jpeg`);
  return value;
}

export function requireReasonCode(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(value)) throw new StoreError('invalid', field, `${field} must be a short code such as truncated`);
  return value;
}

function requireUnreadable(field: string, value: unknown): { code: string; reason: string } {
  const o = requireObject(field, value);
  return { code: requireReasonCode(`${field}.code`, o.code), reason: requireText(`${field}.reason`, o.reason, 1000) };
}
