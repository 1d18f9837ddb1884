// The explain view's plain helpers against hand-worked values: planes of HWC tensors, brightness, pooling,
// the colour maps, and which layer outputs are paired.
import { describe, expect, it } from 'vitest';
import { pixelsToRgba, toRgba, valueRange } from './colour-map.ts';
import { convStages, firstPooling, poolWindow, type LayerOutput } from './explain-layout.ts';
import { brightness, channelPlane, filterPlane, negativeShare } from './planes.ts';
import { pool2d } from './pooling.ts';

describe('planes', () => {
  it('slices one channel out of an HWC tensor', () => {
    // 2×2×2: channel 0 holds 1..4, channel 1 holds 10..40.
    const data = [1, 10, 2, 20, 3, 30, 4, 40];
    expect([...channelPlane(data, [2, 2, 2], 1)]).toEqual([10, 20, 30, 40]);
    expect(() => channelPlane(data, [2, 2, 2], 2)).toThrow();
  });

  it('computes brightness with BT.601 weights', () => {
    expect([...brightness([255, 0, 0, 0, 0, 255], [1, 2, 3])].map((v) => +v.toFixed(3))).toEqual([0.299, 0.114]);
    expect([...brightness([0, 51], [1, 2, 1])].map((v) => +v.toFixed(3))).toEqual([0, 0.2]);
  });

  it('averages a filter\'s input channels', () => {
    // 2 filters of 1×2×2: filter 1 is [(5, 7), (1, 3)] → [6, 2].
    expect([...filterPlane([0, 0, 0, 0, 5, 7, 1, 3], [2, 1, 2, 2], 1)]).toEqual([6, 2]);
  });

  it('counts the negatives that ReLU removes', () => {
    expect(negativeShare([-1, 0, 2, -3])).toBe(0.5);
    expect(negativeShare([])).toBe(0);
  });
});

describe('pooling', () => {
  // 4×4:  1  2 | 3  4
  //       5  6 | 7  8
  //      ----------------
  //       9 10 |11 12
  //      13 14 |15 -16
  const plane = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -16];

  it('takes the largest of each 2×2 window', () => {
    expect(pool2d(plane, 4, 4, 2, 'max')).toEqual({ height: 2, width: 2, data: Float32Array.from([6, 8, 14, 15]) });
  });

  it('averages each 2×2 window', () => {
    // (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15−16)/4 = 5.5.
    expect([...pool2d(plane, 4, 4, 2, 'average').data]).toEqual([3.5, 5.5, 11.5, 5.5]);
  });

  it('drops a partial window at the edge', () => {
    expect(pool2d([1, 2, 3, 4, 5, 6], 2, 3, 2, 'max')).toEqual({ height: 1, width: 1, data: Float32Array.from([5]) });
  });
});

describe('colour maps', () => {
  it('maps signed values through grey at zero', () => {
    const rgba = toRgba([-2, 0, 2], 'signed');
    expect([...rgba.subarray(0, 4)]).toEqual([33, 102, 172, 255]);
    expect([...rgba.subarray(4, 8)]).toEqual([128, 128, 128, 255]);
    expect([...rgba.subarray(8, 12)]).toEqual([230, 97, 1, 255]);
  });

  it('maps magnitudes from black to white over their own range, or a shared scale', () => {
    expect([...toRgba([0, 1, 2], 'magnitude')].filter((_, i) => i % 4 === 0)).toEqual([0, 128, 255]);
    expect([...toRgba([0, 1, 2], 'magnitude', 4)].filter((_, i) => i % 4 === 0)).toEqual([0, 64, 128]);
    expect(valueRange([3, -1, 2])).toEqual({ min: -1, max: 3 });
  });

  it('turns gray and RGB pixels into RGBA', () => {
    expect([...pixelsToRgba([7], 1)]).toEqual([7, 7, 7, 255]);
    expect([...pixelsToRgba([1, 2, 3], 3)]).toEqual([1, 2, 3, 255]);
  });
});

describe('layout', () => {
  const out = (index: number, type: string, shape: [number, number, number] = [4, 4, 1]): LayerOutput => ({ index, type, shape, channelsSent: shape[2], data: new Float32Array(shape[0] * shape[1] * shape[2]) });
  const layers = [out(1, 'conv2d'), out(2, 'batchNorm'), out(3, 'relu'), out(4, 'maxPool', [2, 2, 1]), out(5, 'conv2d', [2, 2, 1]), out(6, 'dense', [1, 1, 2]), out(7, 'softmax', [1, 1, 2])];

  it('pairs each conv layer with the ReLU after it, if any before the next stop', () => {
    expect(convStages(layers).map((s) => [s.conv.index, s.relu?.index ?? null])).toEqual([[1, 3], [5, null]]);
  });

  it('finds the first pooling layer, its input and its window', () => {
    const stage = firstPooling(layers)!;
    expect([stage.input.index, stage.pool.index, poolWindow(stage)]).toEqual([3, 4, 2]);
    expect(firstPooling([out(1, 'dense')])).toBeNull();
  });
});
