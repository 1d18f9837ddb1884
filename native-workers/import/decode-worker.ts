// Worker entry of the import pool: decodes one file per request and moves the pixel bytes back.
import sharp from 'sharp';
import { serveRequests } from '../pool-protocol.ts';
import { decodeImageFile, type DecodeResult } from './decode-image.ts';
import type { DecodeRequest } from './decode-pool.ts';

// Every file is new to an import, so libvips' operation cache would only hold memory.
sharp.cache(false);

serveRequests<DecodeRequest, DecodeResult>(
  async ({ path, preprocessing, options }) => ownBuffers(await decodeImageFile(path, preprocessing, options)),
  // ownBuffers made both plain, whole ArrayBuffers.
  (result) => (result.ok ? [result.thumbnail.bytes.buffer as ArrayBuffer, result.tensor.data.buffer as ArrayBuffer] : []),
);

/**
 * Transferring moves a whole ArrayBuffer, so every byte array must own one: sharp hands back Node Buffers,
 * which may be views into memory that is not theirs to give away.
 */
function ownBuffers(result: DecodeResult): DecodeResult {
  if (!result.ok) return result;
  return {
    ...result,
    thumbnail: { ...result.thumbnail, bytes: owned(result.thumbnail.bytes) },
    tensor: { ...result.tensor, data: owned(result.tensor.data) },
  };
}

function owned(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole && !Buffer.isBuffer(bytes) ? bytes : new Uint8Array(bytes);
}
