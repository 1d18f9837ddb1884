// CRC-32 as zip, PNG and gzip compute it (IEEE 802.3, reflected polynomial 0xEDB88320), for file checksums.

const TABLE = makeTable();

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/**
 * The CRC-32 of `bytes` as an unsigned 32-bit integer. Pass a previous result as `crc` to continue over data
 * that arrives in pieces: crc32(b, crc32(a)) === crc32(a ‖ b).
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
