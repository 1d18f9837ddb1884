// Layer list edits: each returns a new spec and leaves the old one as it was.
import { describe, expect, it } from 'vitest';
import { seedNet } from '../../../core/spec/presets.ts';
import { addLayer, duplicateLayer, moveLayer, removeLayer, setLayerField } from './layer-list.ts';

const types = (spec: { layers: readonly { type: string }[] }) => spec.layers.map((l) => l.type);

describe('layer list edits', () => {
  const w1 = seedNet(3);

  it('adds before the closing softmax, or where asked', () => {
    expect(types(addLayer(w1, { type: 'dropout', rate: 0.5 })).slice(-3)).toEqual(['dense', 'dropout', 'softmax']);
    expect(types(addLayer(w1, { type: 'relu' }, 0))[0]).toBe('relu');
    expect(types(addLayer({ ...w1, layers: [] }, { type: 'softmax' }))).toEqual(['softmax']);
    expect(w1.layers).toHaveLength(8);
  });

  it('removes, moves within bounds and duplicates', () => {
    expect(types(removeLayer(w1, 1))).toEqual(['conv2d', 'maxPool', 'conv2d', 'relu', 'maxPool', 'dense', 'softmax']);
    expect(types(moveLayer(w1, 2, -1)).slice(0, 3)).toEqual(['conv2d', 'maxPool', 'relu']);
    expect(types(moveLayer(w1, 6, 1)).slice(-2)).toEqual(['softmax', 'dense']);
    expect(moveLayer(w1, 0, -1)).toBe(w1);
    expect(moveLayer(w1, 7, 1)).toBe(w1);
    const twice = duplicateLayer(w1, 0);
    expect(twice.layers[1]).toEqual(w1.layers[0]);
    expect(twice.layers[1]).not.toBe(w1.layers[0]);
  });

  it('sets a parameter, and removes it with undefined so the default applies', () => {
    const wide = setLayerField(w1, 0, 'filters', 32);
    expect(wide.layers[0]).toMatchObject({ type: 'conv2d', filters: 32 });
    expect(w1.layers[0]).toMatchObject({ filters: 8 });
    expect(setLayerField(w1, 0, 'padding', undefined).layers[0]).not.toHaveProperty('padding');
    expect(setLayerField(w1, 0, 'type', 'dense')).toBe(w1);
  });
});
