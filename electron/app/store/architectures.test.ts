// Saved architectures: named, listed by name, renamed and replaced, deleted, and refused when malformed.
import { afterEach, describe, expect, it } from 'vitest';
import { seedNet, smallVgg } from '../../../core/spec/presets.ts';
import { testProject, type TestProject } from './test-helpers.ts';

let project: TestProject;
afterEach(() => project?.dispose());

describe('Architectures', () => {
  it('saves, lists by name, replaces and deletes', () => {
    project = testProject();
    const { architectures } = project.store;
    const w2 = architectures.save({ name: 'VGG-ish', spec: smallVgg(3) });
    const w1 = architectures.save({ name: 'seed', spec: seedNet(3) });
    expect(architectures.list().map((a) => a.name)).toEqual(['seed', 'VGG-ish']);
    expect(architectures.get(w2.id).spec).toEqual(smallVgg(3));

    const renamed = architectures.save({ id: w1.id, name: 'Seed, wider', spec: { ...seedNet(3), layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] } });
    expect(renamed.id).toBe(w1.id);
    expect(renamed.updatedAt).toBeGreaterThan(w1.updatedAt);
    expect(architectures.get(w1.id).spec.layers).toHaveLength(2);

    architectures.delete(w2.id);
    expect(architectures.list().map((a) => a.id)).toEqual([w1.id]);
    expect(() => architectures.get(w2.id)).toThrow(/no saved architecture with id/);
  });

  it('refuses a second architecture with the same name, whatever its case', () => {
    project = testProject();
    const { architectures } = project.store;
    const first = architectures.save({ name: 'Tiny', spec: seedNet() });
    expect(() => architectures.save({ name: 'tiny', spec: seedNet() })).toThrow(/already exists/);
    // Saving one under its own name again is a replace, not a clash.
    expect(architectures.save({ id: first.id, name: 'TINY', spec: seedNet() }).name).toBe('TINY');
  });

  it("keeps an unfinished design but refuses malformed JSON, naming the layer and field", () => {
    project = testProject();
    const { architectures } = project.store;
    const broken = { input: { height: 8, width: 8, channels: 1 }, layers: [{ type: 'conv2d', filters: 2, kernel: 20 }, { type: 'softmax' }] };
    expect(architectures.save({ name: 'draft', spec: broken }).spec).toEqual(broken);
    const malformed = { input: { height: 8, width: 8, channels: 1 }, layers: [{ type: 'conv2d', filters: 0, kernel: 3 }] };
    expect(() => architectures.save({ name: 'bad', spec: malformed })).toThrow('layer 1 conv2d: filters must be at least 1');
    expect(() => architectures.save({ name: '  ', spec: seedNet() })).toThrow();
  });
});
