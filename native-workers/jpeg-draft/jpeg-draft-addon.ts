// Loads the JPEG draft decoder (this folder's Node-API addon, src/) once per thread and types its one call.
// There is no TypeScript fallback: no other decoder here gives libjpeg's DCT-scaled pixels, so where the addon
// is not built the caller gets the reason and refuses the photo rather than decode it differently.
import { createRequire } from 'node:module';

/** What libjpeg made of the bytes (src/addon.c). */
export type JpegDraftStatus = 'ok' | 'corrupt' | 'too-many-pixels' | 'not-draftable' | 'no-memory';

export interface JpegDraftDecode {
  readonly status: JpegDraftStatus;
  /** libjpeg's error, or its first warning; empty when there was none. */
  readonly message: string;
  /** The frame's size in the file, before scaling and EXIF orientation (0 when the header was not read). */
  readonly storedWidth: number;
  readonly storedHeight: number;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly scale: number;
  /** EXIF orientation 1–8 from the file's first Exif segment (1 when it has none). */
  readonly orientation: number;
  /** Damaged data libjpeg decoded around ("Corrupt JPEG data: …"). */
  readonly warnings: number;
  /** 1 when a warning was "Premature end of JPEG file". */
  readonly prematureEnd: number;
  /** width × height × channels, top row first; null unless status is 'ok'. */
  readonly data: Uint8Array | null;
}

/** requestWidth × requestHeight is the upright picture's size; the decoder turns it for a file stored on its side. */
interface Addon {
  /** On this thread. */
  decode(bytes: Uint8Array, requestWidth: number, requestHeight: number, gray: boolean, maxPixels: number): JpegDraftDecode;
  /** On libuv's thread pool; bytes must not change until it settles. */
  decodeAsync(bytes: Uint8Array, requestWidth: number, requestHeight: number, gray: boolean, maxPixels: number): Promise<JpegDraftDecode>;
}

export type JpegDraftDecoder = ({ ok: true } & Addon) | { ok: false; reason: string };

const ADDON_PATH = './build/Release/filterbank_jpeg_draft.node';
let loaded: JpegDraftDecoder | undefined;

export function jpegDraftDecoder(): JpegDraftDecoder {
  if (loaded) return loaded;
  try {
    const addon = createRequire(import.meta.url)(ADDON_PATH) as Addon;
    loaded = { ok: true, decode: (...args) => addon.decode(...args), decodeAsync: (...args) => addon.decodeAsync(...args) };
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    loaded = {
      ok: false,
      reason: `the native JPEG draft decoder (native-workers/jpeg-draft) is not built: ${why}; install libjpeg-turbo's headers (Debian: libjpeg62-turbo-dev) and run npm install`,
    };
  }
  return loaded;
}
