// The editor's analysis of drafts: figures per layer up to a problem, the problem at its layer with fixes
// that work, and the project's own checks of input size and class count.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { seedNet } from '../../../core/spec/presets.ts';
import { setLayerField } from './layer-list.ts';
import { analyzeDraft } from './spec-analysis.ts';

const input = { height: 28, width: 28, channels: 1 as const };
const w1 = seedNet(3, input);

describe('analyzeDraft', () => {
  it('gives every layer its figures and the totals for a trainable net', () => {
    const a = analyzeDraft(w1, input, 3);
    expect(a.problem).toBeNull();
    expect(a.trainable).toBe(true);
    expect(a.layers.map((l) => l?.outputShape.join('×'))).toEqual(['28×28×8', '28×28×8', '14×14×8', '14×14×16', '14×14×16', '7×7×16', '1×1×3', '1×1×3']);
    expect(a.params).toBe(a.layers.reduce((s, l) => s + l!.params, 0));
    expect(a.layers[0]?.formula?.height).toBe('(28 − 5 + 2·2)/1 + 1 = 28');
  });

  it('marks a kernel too big at its layer, keeps the figures before it, and offers fixes that work', () => {
    const broken = setLayerField(setLayerField(w1, 3, 'kernel', 20), 3, 'padding', 0);
    const a = analyzeDraft(broken, input, 3);
    expect(a.problem).toMatchObject({ layer: 4, message: 'layer 4 conv2d: kernel 20 on a 14×14 input; use padding ≥ 3 or a kernel ≤ 14' });
    expect(a.layers.slice(0, 3).every((l) => l !== null)).toBe(true);
    expect(a.layers.slice(3).every((l) => l === null)).toBe(true);
    expect(a.trainable).toBe(false);
    // Each fix repairs this layer (a smaller kernel may only move the problem further down the net).
    expect(a.problem!.fixes.map((f) => f.description)).toEqual(['use padding 3', 'use a kernel of 14']);
    for (const fix of a.problem!.fixes) expect(analyzeDraft(fix.spec, input, 3).problem?.layer ?? Infinity).toBeGreaterThan(4);
  });

  it('offers a padding fix that makes a whole working net', () => {
    const a = analyzeDraft(setLayerField(w1, 3, 'kernel', 21), input, 3);
    expect(a.problem?.fixes[0].description).toBe('use padding 4');
    expect(analyzeDraft(a.problem!.fixes[0].spec, input, 3).trainable).toBe(true);
  });

  it('names a malformed field', () => {
    const a = analyzeDraft(setLayerField(w1, 6, 'units', 0), input, 3);
    expect(a.problem).toMatchObject({ layer: 7, message: 'layer 7 dense: units must be at least 1' });
    expect(a.layers.filter((l) => l !== null)).toHaveLength(6);
  });

  it('puts a missing softmax after the last layer, with the engine fix', () => {
    const a = analyzeDraft({ ...w1, layers: w1.layers.slice(0, -1) }, input, 3);
    expect(a.problem?.layer).toBe(8);
    expect(a.layers.every((l) => l !== null)).toBe(true);
    expect(analyzeDraft(a.problem!.fixes[0].spec, input, 3).trainable).toBe(true);
  });

  it("checks the project's input size and class count, with fixes", () => {
    const other: ModelSpec = seedNet(10, { height: 32, width: 32, channels: 3 });
    const a = analyzeDraft(other, input, 3);
    expect(a.problem).toMatchObject({ layer: 0, message: "the network takes 32×32×3 inputs; this project's photos are 28×28×1" });
    const sized = a.problem!.fixes[0].spec;
    const b = analyzeDraft(sized, input, 3);
    expect(b.problem).toMatchObject({ layer: 8, message: 'the network has 10 outputs; this project has 3 classes' });
    expect(b.problem!.fixes[0].description).toBe('give dense layer 7 3 units');
    expect(analyzeDraft(b.problem!.fixes[0].spec, input, 3).trainable).toBe(true);
    const noDense = { input, layers: [{ type: 'globalAvgPool' as const }, { type: 'softmax' as const }] };
    const c = analyzeDraft(noDense, input, 3);
    expect(c.problem!.fixes[0].description).toBe('add a dense layer with 3 units before the softmax');
    expect(analyzeDraft(c.problem!.fixes[0].spec, input, 3).trainable).toBe(true);
  });
});
