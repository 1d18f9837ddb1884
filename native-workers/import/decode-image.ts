// Turns one file the user dropped into everything the import needs: content hash, format, upright size,
// thumbnail and training tensor, or a reason it cannot be imported. Reads the file once and never throws.
// Classification takes the same path for its pixels (decodeForClassification) but skips what only the import
// keeps: the hash, the frame count and the thumbnail.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { preprocessToUint8, type DecodedImage } from '../../core/io/preprocess-image.ts';
import type { Preprocessing } from '../../core/io/preprocessing.ts';
import { TYPESCRIPT_PASSES } from '../../core/io/resize.ts';
import { nativeResamplePasses } from '../cpu-kernels/native-kernels.ts';
import { failure, sharpFailure, type DecodeFailure } from './decode-failure.ts';
import { decodeJpegDraft } from './decode-jpeg-draft.ts';
import { readImageFile } from './read-image-file.ts';
import { looksCutShort, sniffFormat, type ImageFormat } from './sniff-format.ts';

export interface DecodeOptions {
  /** Files larger than this are refused before they are read. Default 512 MiB. */
  readonly maxFileBytes?: number;
  /** sharp's limitInputPixels, checked from the header before decoding (bombs). Default 268,402,689 (16383²). */
  readonly limitInputPixels?: number;
  /** Longest side of the thumbnail in pixels. Default 256. */
  readonly thumbnailSide?: number;
  readonly thumbnailFormat?: 'jpeg' | 'webp';
  /** libvips gives up on a single decode after this long. Default 60 s. */
  readonly timeoutSeconds?: number;
  /** With jpegDraft: decode on the calling thread rather than libuv's pool (same pixels). Default false. */
  readonly jpegDraftOnThread?: boolean;
}

/** The resampling passes for this thread: native where the addon is built (the same bytes, faster), else core's. */
const resamplePasses = nativeResamplePasses() ?? TYPESCRIPT_PASSES;

export const DEFAULT_DECODE_OPTIONS = {
  maxFileBytes: 512 * 2 ** 20,
  limitInputPixels: 0x3fff * 0x3fff,
  thumbnailSide: 256,
  thumbnailFormat: 'jpeg',
  timeoutSeconds: 60,
  jpegDraftOnThread: false,
} as const satisfies Required<DecodeOptions>;

export interface Thumbnail {
  readonly format: 'jpeg' | 'webp';
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
}

/** The network input as 8-bit pixels, height × width × channels (HWC), before normalisation. */
export interface TrainingTensor {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

export interface DecodedOk {
  readonly ok: true;
  /** SHA-256 of the file's bytes, lowercase hex: the image's identity in the project. */
  readonly sha256: string;
  readonly byteSize: number;
  readonly format: ImageFormat;
  /** Size as the photo is meant to be seen, after its EXIF orientation. */
  readonly width: number;
  readonly height: number;
  /** Frames or pages in the file; only the first is imported. */
  readonly frames: number;
  readonly thumbnail: Thumbnail;
  readonly tensor: TrainingTensor;
}

export type DecodeResult = DecodedOk | DecodeFailure;

const FORMAT_NAMES: Record<ImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF', tiff: 'TIFF', avif: 'AVIF' };

export async function decodeImageFile(path: string, preprocessing: Preprocessing, options: DecodeOptions = {}): Promise<DecodeResult> {
  const o = { ...DEFAULT_DECODE_OPTIONS, ...options };
  try {
    return await decode(path, preprocessing, o);
  } catch (error) {
    // Only a bug or an exhausted machine gets here; the file is reported, the import goes on.
    return failure('unreadable', 'an unexpected error stopped this file from being imported', error instanceof Error ? error.message : String(error));
  }
}

async function decode(path: string, preprocessing: Preprocessing, o: Required<DecodeOptions>): Promise<DecodeResult> {
  const read = await readImageFile(path, o.maxFileBytes);
  if (!read.ok) return read;
  return decodeBytes(read.bytes, preprocessing, o);
}

/** decodeImageFile for bytes already read (the importer keeps them to store the original). Never throws. */
export async function decodeImageBytes(bytes: Buffer, preprocessing: Preprocessing, options: DecodeOptions = {}): Promise<DecodeResult> {
  try {
    return await decodeBytes(bytes, preprocessing, { ...DEFAULT_DECODE_OPTIONS, ...options });
  } catch (error) {
    return failure('unreadable', 'an unexpected error stopped this file from being imported', error instanceof Error ? error.message : String(error));
  }
}

async function decodeBytes(bytes: Buffer, preprocessing: Preprocessing, o: Required<DecodeOptions>): Promise<DecodeResult> {
  const known = { byteSize: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  const decoded = await decodeTensor(bytes, preprocessing, o, true);
  if (!decoded.ok) return { ...decoded, ...known };
  const { format, image, frames, tensor, width, height } = decoded;
  return {
    ok: true,
    ...known,
    format,
    width,
    height,
    frames,
    // A drafted picture is too small for a sharp thumbnail: that one is made from the file (shrink-on-load).
    thumbnail: await makeThumbnail(width === image.width && height === image.height ? image : bytes, o),
    tensor,
  };
}

/** What classification needs of a photo: the network input, exactly as the import would make it. */
export interface ClassificationInput {
  readonly ok: true;
  readonly tensor: TrainingTensor;
}

/**
 * decodeImageFile without the hash, frame count and thumbnail: the same read, the same checks and refusals
 * and the same pixels through the same preprocessing, so a model classifies what it was trained on. Never throws.
 */
export async function decodeForClassification(
  path: string,
  preprocessing: Preprocessing,
  options: DecodeOptions = {},
): Promise<ClassificationInput | DecodeFailure> {
  const o = { ...DEFAULT_DECODE_OPTIONS, ...options };
  try {
    const read = await readImageFile(path, o.maxFileBytes);
    if (!read.ok) return read;
    const decoded = await decodeTensor(read.bytes, preprocessing, o, false);
    return decoded.ok ? { ok: true, tensor: decoded.tensor } : decoded;
  } catch (error) {
    return failure('unreadable', 'an unexpected error stopped this file from being read', error instanceof Error ? error.message : String(error));
  }
}

interface DecodedTensor extends Decoded {
  readonly ok: true;
  readonly format: ImageFormat;
  readonly tensor: TrainingTensor;
  /** The full picture's upright size; larger than image's when the JPEG was drafted. */
  readonly width: number;
  readonly height: number;
}

/**
 * The part import and classification share: sniff, decode upright pixels (with the end-marker retry), preprocess.
 * With jpegDraft, JPEGs are decoded at reduced size by decode-jpeg-draft.ts instead, the same way for both.
 */
async function decodeTensor(
  bytes: Buffer,
  preprocessing: Preprocessing,
  o: Required<DecodeOptions>,
  countFrames: boolean,
): Promise<DecodedTensor | DecodeFailure> {
  if (bytes.length === 0) return failure('not-an-image', 'the file is empty (0 bytes)');
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'unknown') return failure('not-an-image', 'the file is not an image: its contents match no image format');
  if (sniffed.kind === 'unsupported') {
    return failure('unsupported-format', `${sniffed.name} files cannot be imported; convert it to JPEG or PNG first`);
  }
  const format = sniffed.format;
  const drafted = preprocessing.jpegDraft && format === 'jpeg' ? await decodeJpegDraft(bytes, preprocessing, o.limitInputPixels, o.jpegDraftOnThread) : null;
  if (drafted !== null) {
    if (!drafted.ok) return drafted;
    const tensor = preprocessedTensor(drafted.image, preprocessing);
    return { ok: true, format, image: drafted.image, frames: 1, tensor, width: drafted.uprightWidth, height: drafted.uprightHeight };
  }

  let decoded: Decoded | undefined;
  try {
    // 'error' rejects truncated and corrupt data but tolerates the harmless warnings many cameras cause.
    decoded = await decodePixels(bytes, o, 'error', countFrames);
  } catch (error) {
    const refusal = sharpFailure(error, FORMAT_NAMES[format], looksCutShort(format, bytes));
    if (refusal.reason === 'truncated') decoded = await decodeWithEndMarker(format, bytes, o, countFrames);
    if (!decoded) return refusal;
  }
  const tensor = preprocessedTensor(decoded.image, preprocessing);
  return { ok: true, format, ...decoded, tensor, width: decoded.image.width, height: decoded.image.height };
}

function preprocessedTensor(image: DecodedImage, p: Preprocessing): TrainingTensor {
  return { width: p.width, height: p.height, channels: p.channels, data: preprocessToUint8(image, p, resamplePasses) };
}

interface Decoded {
  readonly image: DecodedImage;
  readonly frames: number;
}

/**
 * Upright 8-bit pixels with alpha kept as a channel. sharp converts CMYK and embedded ICC profiles to sRGB,
 * scales 16-bit samples to 8 bits and reads only the first frame of an animation by default. Counting frames
 * parses the header a second time, so only the import asks for it.
 */
async function decodePixels(bytes: Buffer, o: Required<DecodeOptions>, failOn: 'error' | 'warning', countFrames: boolean): Promise<Decoded> {
  const input = { limitInputPixels: o.limitInputPixels, failOn, pages: 1 } as const;
  const frames = countFrames ? ((await sharp(bytes, input).metadata()).pages ?? 1) : 1;
  const { data, info } = await sharp(bytes, input)
    .timeout({ seconds: o.timeoutSeconds })
    .autoOrient()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new Error(`unsupported channel count ${String(channels)}`);
  }
  // A plain Uint8Array view: core slices it, and Buffer#slice would alias instead of copying.
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { image: { width: info.width, height: info.height, channels, data: pixels }, frames };
}

const JPEG_END = Buffer.from([0xff, 0xd9]);

/**
 * A JPEG whose only flaw is a missing end marker shows fine everywhere else, but libvips calls it truncated.
 * Retry with the marker added, strictly: if any scan data is missing too, libjpeg then warns "premature end
 * of data segment", failOn 'warning' refuses it, and the file stays truncated.
 */
async function decodeWithEndMarker(
  format: ImageFormat,
  bytes: Buffer,
  o: Required<DecodeOptions>,
  countFrames: boolean,
): Promise<Decoded | undefined> {
  if (format !== 'jpeg' || !looksCutShort(format, bytes)) return undefined;
  return decodePixels(Buffer.concat([bytes, JPEG_END]), o, 'warning', countFrames).catch(() => undefined);
}

/** From decoded pixels, or from the file's bytes (upright by their EXIF orientation). */
async function makeThumbnail(source: DecodedImage | Buffer, o: Required<DecodeOptions>): Promise<Thumbnail> {
  const side = o.thumbnailSide;
  const input =
    source instanceof Uint8Array
      ? sharp(source, { limitInputPixels: o.limitInputPixels, failOn: 'none' }).autoOrient()
      : sharp(source.data, { raw: { width: source.width, height: source.height, channels: source.channels }, limitInputPixels: o.limitInputPixels });
  let pipeline = input
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' });
  pipeline = o.thumbnailFormat === 'webp' ? pipeline.webp({ quality: 80 }) : pipeline.jpeg({ quality: 82 });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { format: o.thumbnailFormat, width: info.width, height: info.height, bytes: data };
}
