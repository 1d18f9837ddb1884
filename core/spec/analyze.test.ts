// Shape inference, per-layer figures and the errors (with one-click fixes) for impossible layers.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze.ts';
import type { LayerSpec, ModelSpec } from './model-spec.ts';
import { seedNet, smallVgg } from './presets.ts';
import { SpecError } from './spec-error.ts';

function specError(spec: unknown): SpecError {
  try {
    analyzeSpec(spec);
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

const gray = (height: number, width = height) => ({ height, width, channels: 1 as const });

describe('analyzeSpec', () => {
  it('infers W1 shapes, parameters (as PyTorch counts them), FLOPs and receptive fields', () => {
    const s = analyzeSpec(seedNet());
    expect(s.layers.map((l) => l.outputShape.join('×'))).toEqual(['28×28×8', '28×28×8', '14×14×8', '14×14×16', '14×14×16', '7×7×16', '1×1×10', '1×1×10']);
    expect(s.layers.map((l) => l.params)).toEqual([208, 0, 0, 3216, 0, 0, 7850, 0]);
    expect(s.params).toBe(11274);
    expect(s.layers[0].flops).toBe(28 * 28 * 8 * (2 * 25 + 1));
    expect(s.layers.map((l) => l.receptiveField[0])).toEqual([5, 5, 6, 14, 14, 16, 40, 40]);
    expect(s.layers[0].formula).toEqual({ height: '(28 − 5 + 2·2)/1 + 1 = 28', width: '(28 − 5 + 2·2)/1 + 1 = 28' });
    expect(s.layers[2].formula?.height).toBe('(28 − 2 + 2·0)/2 + 1 = 14');
  });

  it('counts W2 parameters as PyTorch does', () => {
    const s = analyzeSpec(smallVgg());
    expect(s.params).toBe(591274);
    expect(s.layers[10].inputShape).toEqual([8, 8, 64]);
  });

  it("resolves 'same' padding as ceil(in / stride), putting an odd extra pixel after", () => {
    const s = analyzeSpec({ input: gray(7), layers: [{ type: 'conv2d', filters: 2, kernel: 3, stride: 2, padding: 'same' }, { type: 'flatten' }, { type: 'dense', units: 2 }, { type: 'softmax' }] });
    expect(s.layers[0].outputShape).toEqual([4, 4, 2]);
    expect(s.layers[0].window).toMatchObject({ padTop: 1, padBottom: 1 });
    const even = analyzeSpec({ input: gray(6), layers: [{ type: 'maxPool', size: 3, stride: 2, padding: 'same' }, { type: 'dense', units: 2 }, { type: 'softmax' }] });
    expect(even.layers[0].window).toMatchObject({ padTop: 0, padBottom: 1 });
    expect(even.layers[0].outputShape).toEqual([3, 3, 1]);
  });

  it('names the layer, its numbers and a fix when the kernel is larger than its padded input', () => {
    const e = specError({
      input: gray(12),
      layers: [{ type: 'maxPool', size: 2 }, { type: 'maxPool', size: 2 }, { type: 'conv2d', filters: 4, kernel: 5 }, { type: 'dense', units: 2 }, { type: 'softmax' }],
    });
    expect(e.message).toBe('layer 3 conv2d: kernel 5 on a 3×3 input; use padding ≥ 1 or a kernel ≤ 3');
    expect(e.layer).toBe(3);
    expect(e.fixes.map((f) => f.description)).toEqual(['use padding 1', 'use a kernel of 3']);
    for (const fix of e.fixes) expect(() => analyzeSpec({ input: gray(12), layers: fix.layers })).not.toThrow();
  });

  it('rejects an output size that is not a whole number, offering fixes that work', () => {
    const spec = { input: gray(28), layers: [{ type: 'conv2d', filters: 4, kernel: 5, stride: 3 }, { type: 'dense', units: 2 }, { type: 'softmax' }] };
    const e = specError(spec);
    expect(e.message).toMatch(/^layer 1 conv2d: \(28 − 5 \+ 2·0\)\/3 \+ 1 = 8.67 is not a whole number; use padding 2 or use padding 'same'$/);
    const e2 = specError({ input: gray(7), layers: [{ type: 'maxPool', size: 2 }, { type: 'dense', units: 2 }, { type: 'softmax' }] });
    expect(e2.message).toBe("layer 1 maxPool: (7 − 2 + 2·0)/2 + 1 = 3.5 is not a whole number; use padding 'same'");
    for (const fix of [...e.fixes, ...e2.fixes]) expect(() => analyzeSpec({ input: gray(fix === e2.fixes[0] ? 7 : 28), layers: fix.layers })).not.toThrow();
    expect(e.fixes[0].description).toBe('use padding 2');
  });

  it('requires a softmax output taking one score per class', () => {
    const noSoftmax = specError({ input: gray(4), layers: [{ type: 'dense', units: 3 }] });
    expect(noSoftmax.message).toBe('the model must end with a softmax output');
    expect(noSoftmax.fixes[0].layers.at(-1)).toEqual({ type: 'softmax' });
    const early = specError({ input: gray(4), layers: [{ type: 'softmax' }, { type: 'dense', units: 3 }, { type: 'softmax' }] });
    expect(early.message).toMatch(/^layer 1 softmax: softmax is the output and must be the last layer/);
    const image = specError({ input: gray(4), layers: [{ type: 'conv2d', filters: 3, kernel: 3 }, { type: 'softmax' }] });
    expect(image.message).toMatch(/^layer 2 softmax: the output takes one score per class, but its input is 2×2×3/);
    for (const fix of image.fixes) expect(analyzeSpec({ input: gray(4), layers: fix.layers }).outputShape[0]).toBe(1);
  });

  it('names the layer and field of malformed JSON', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ input: gray(28), layers: [{ type: 'conv2d', filters: 4, kernel: '5' }, { type: 'softmax' }] }, /^layer 1 conv2d: kernel must be a number/],
      [{ input: gray(28), layers: [{ type: 'conv2d', filters: 2.5, kernel: 5 }, { type: 'softmax' }] }, /^layer 1 conv2d: filters must be a whole number/],
      [{ input: gray(28), layers: [{ type: 'conv2d', filters: 4, kernel: 5, dilation: 2 }, { type: 'softmax' }] }, /^layer 1 conv2d: .*dilation/],
      [{ input: gray(28), layers: [{ type: 'lstm' }, { type: 'softmax' }] }, /^layer 1 lstm: unknown layer type/],
      [{ input: { height: 28, width: 28, channels: 2 }, layers: [{ type: 'softmax' }] }, /channels must be 1 \(grayscale\) or 3 \(RGB\)/],
      [{ input: gray(100000), layers: [{ type: 'softmax' }] }, /height must be at most 4096/],
      [{ input: gray(28), layers: [] }, /a model needs at least one layer/],
      ['not a spec', /^model spec/],
    ];
    for (const [spec, message] of cases) expect(specError(spec).message).toMatch(message);
  });

  it('refuses absurd sizes before building anything', () => {
    const huge: ModelSpec = { input: { height: 4096, width: 4096, channels: 3 }, layers: [{ type: 'conv2d', filters: 65536, kernel: 3, padding: 1 }, { type: 'softmax' }] };
    expect(specError(huge).message).toMatch(/too large/);
    const params: LayerSpec[] = [{ type: 'flatten' }, { type: 'dense', units: 65536 }, { type: 'softmax' }];
    expect(specError({ input: { height: 64, width: 64, channels: 3 }, layers: params }).message).toMatch(/parameters/);
  });
});
