// The addon on its own: libjpeg's fatal errors come back as a status and a message (the setjmp error manager),
// never a crash, whatever bytes it is given; arguments are checked; the draft scale follows Pillow's rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jpegDraftDecoder } from './jpeg-draft-addon.ts';

const decoder = jpegDraftDecoder();
const photo = readFileSync(join(import.meta.dirname, 'fixtures', 'rgb-420.jpg')); // 203×149, 4:2:0

describe.skipIf(!decoder.ok)('jpeg-draft addon', () => {
  const decode = decoder.ok ? decoder.decode : () => never();

  it('picks the largest of 8, 4, 2, 1 not above min(W / w, H / h) and rounds sizes up', () => {
    for (const [w, h, scale, width, height] of [[24, 18, 8, 26, 19], [26, 18, 4, 51, 38], [50, 37, 4, 51, 38], [100, 10, 2, 102, 75], [102, 10, 1, 203, 149], [500, 500, 1, 203, 149]]) {
      expect(decode(photo, w, h, false, Infinity), `${w}×${h}`).toMatchObject({ status: 'ok', scale, width, height, channels: 3, warnings: 0 });
    }
    const gray = decode(photo, 24, 18, true, Infinity);
    expect(gray).toMatchObject({ status: 'ok', channels: 1 });
    expect(gray.data!.length).toBe(26 * 19);
  });

  it('reads the EXIF orientation and asks for the upright size of a picture stored on its side', () => {
    // 120×64 stored; 24×12 upright. Orientation 6 stores it turned, so 12×24 is asked of it: min(10, 2) gives 2.
    for (const orientation of [2, 3, 4, 5, 6, 7, 8]) {
      const file = readFileSync(join(import.meta.dirname, 'fixtures', `exif-${orientation}.jpg`));
      const scale = orientation >= 5 ? 2 : 4;
      expect(decode(file, 24, 12, false, Infinity), `orientation ${orientation}`).toMatchObject({ status: 'ok', orientation, scale });
    }
    expect(decode(photo, 24, 18, false, Infinity).orientation).toBe(1);
  });

  it('returns libjpeg\'s message for bytes it cannot decode, without crashing', () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.of(0xff, 0xd8, 0xff), Uint8Array.from({ length: 4096 }, (_, i) => (i * 131) & 255), photo.subarray(0, 300)]) {
      const d = decode(bytes, 16, 16, false, Infinity);
      expect(d.status).toBe('corrupt');
      expect(d.message.length).toBeGreaterThan(5);
      expect(d.data).toBeNull();
    }
  });

  it('refuses a progressive JPEG with more than 1000 scans (built to be slow), decodes one with a few extra', () => {
    const progressive = readFileSync(join(import.meta.dirname, 'fixtures', 'rgb-422-progressive.jpg'));
    const eoi = progressive.lastIndexOf(Buffer.from([0xff, 0xd9]));
    const lastScan = progressive.subarray(progressive.lastIndexOf(Buffer.from([0xff, 0xda])), eoi);
    const withScans = (n: number) => Buffer.concat([progressive.subarray(0, eoi), ...Array<Buffer>(n).fill(lastScan), progressive.subarray(eoi)]);
    expect(decode(withScans(10), 16, 16, false, Infinity)).toMatchObject({ status: 'ok' });
    expect(decode(withScans(1100), 16, 16, false, Infinity)).toMatchObject({ status: 'corrupt', message: 'more than 1000 progressive scans', data: null });
  });

  it('reports a cut scan as a premature end, with the pixels it could decode', () => {
    const d = decode(photo.subarray(0, photo.length >> 1), 24, 18, false, Infinity);
    expect(d).toMatchObject({ status: 'ok', prematureEnd: 1 });
    expect(d.warnings).toBeGreaterThan(0);
  });

  it('decodes the same off the thread, and reports failures the same way', async () => {
    if (!decoder.ok) return;
    const [sync, async] = [decode(photo, 24, 18, false, Infinity), await decoder.decodeAsync(photo, 24, 18, false, Infinity)];
    expect(async).toEqual(sync);
    expect(await decoder.decodeAsync(photo.subarray(0, 300), 24, 18, false, Infinity)).toEqual(decode(photo.subarray(0, 300), 24, 18, false, Infinity));
    expect(await decoder.decodeAsync(photo.subarray(0, photo.length >> 1), 24, 18, false, Infinity)).toMatchObject({ status: 'ok', prematureEnd: 1 });
    expect(() => decoder.decodeAsync(photo, 24, 0, false, Infinity)).toThrow(RangeError);
  });

  it('refuses too many pixels from the header, and bad arguments', () => {
    expect(decode(photo, 16, 16, false, 1000)).toMatchObject({ status: 'too-many-pixels', storedWidth: 203, storedHeight: 149, data: null });
    expect(() => decode(photo, 0, 16, false, Infinity)).toThrow(RangeError);
    expect(() => decode([1, 2] as unknown as Uint8Array, 16, 16, false, Infinity)).toThrow(TypeError);
  });
});

function never(): never {
  throw new Error('unreachable');
}
