// Recognises an image format from the file's first bytes, so that only formats we support ever reach a
// decoder (sharp also renders SVG, which is not a photo and parses XML), and a known but unsupported format
// such as BMP or HEIC gets a clear reason instead of "not an image".

/** Formats imported, named as the store records them (sharp calls AVIF "heif"). */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export type SniffResult =
  | { readonly kind: 'supported'; readonly format: ImageFormat }
  | { readonly kind: 'unsupported'; readonly name: string }
  | { readonly kind: 'unknown' };

const ascii = (bytes: Uint8Array, start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

export function sniffFormat(bytes: Uint8Array): SniffResult {
  const supported = (format: ImageFormat): SniffResult => ({ kind: 'supported', format });
  const unsupported = (name: string): SniffResult => ({ kind: 'unsupported', name });

  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return supported('jpeg');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return supported('png');
  const head = ascii(bytes, 0, 16);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return supported('gif');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return supported('webp');
  if (head.startsWith('II*\0') || head.startsWith('MM\0*') || head.startsWith('II+\0') || head.startsWith('MM\0+')) {
    // Canon's CR2 is a TIFF whose first directory is a preview; decoding it would import the wrong picture.
    return head.slice(8, 10) === 'CR' ? unsupported('Canon raw (CR2)') : supported('tiff');
  }
  if (head.startsWith('IIRO') || head.startsWith('IIRS')) return unsupported('Olympus raw (ORF)');
  if (head.startsWith('IIU\0')) return unsupported('Panasonic raw (RW2)');
  if (head.startsWith('FUJIFILMCCD-RAW')) return unsupported('Fujifilm raw (RAF)');
  if (head.slice(4, 8) === 'ftyp') return sniffIsoMedia(bytes);
  if (isBmp(bytes)) return unsupported('BMP');
  if (head.startsWith('8BPS')) return unsupported('Photoshop (PSD)');
  if (head.startsWith('%PDF-')) return unsupported('PDF');
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a])) {
    return unsupported('JPEG XL');
  }
  if (startsWith(bytes, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])) {
    return unsupported('JPEG 2000');
  }
  if (startsWith(bytes, [0, 0, 1, 0]) && bytes.length >= 6 && bytes[4] + bytes[5] > 0) return unsupported('Windows icon (ICO)');
  if (isSvg(bytes)) return unsupported('SVG (a vector drawing)');
  return { kind: 'unknown' };
}

/** ISO base media files (AVIF, HEIC, CR3, MP4): the brands in the leading `ftyp` box say which. */
function sniffIsoMedia(bytes: Uint8Array): SniffResult {
  const boxSize = Math.min(bytes.length, (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3], 256);
  const brands: string[] = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.includes('avif') || brands.includes('avis')) return { kind: 'supported', format: 'avif' };
  if (brands.includes('crx ')) return { kind: 'unsupported', name: 'Canon raw (CR3)' };
  if (brands.some((b) => ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].includes(b))) {
    return { kind: 'unsupported', name: 'HEIC' };
  }
  return { kind: 'unknown' };
}

function isBmp(bytes: Uint8Array): boolean {
  if (bytes.length < 18 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return false;
  // The DIB header size tells the BMP variants apart, and rules out text files that start with "BM".
  const dibSize = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
  return [12, 16, 40, 52, 56, 64, 108, 124].includes(dibSize);
}

function isSvg(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
  return (text.startsWith('<?xml') || text.startsWith('<svg') || text.startsWith('<!DOCTYPE svg')) && text.includes('<svg');
}

/**
 * Whether the data visibly stops early: no end marker where the format has one. libvips reports some cut
 * files only as a "corrupt header", so this tells a truncated file from a damaged one.
 */
export function looksCutShort(format: ImageFormat, bytes: Uint8Array): boolean {
  const n = bytes.length;
  switch (format) {
    case 'jpeg': {
      // Trailing padding after the end-of-image marker is common, so look for it near the end.
      for (let i = n - 2; i >= Math.max(0, n - 1024); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return false;
      return true;
    }
    case 'png':
      return ascii(bytes, Math.max(0, n - 12), n).indexOf('IEND') < 0;
    case 'gif':
      return bytes[n - 1] !== 0x3b;
    case 'webp': {
      if (n < 12) return true;
      const riffSize = (bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24)) >>> 0;
      return riffSize + 8 > n;
    }
    default:
      return false;
  }
}
