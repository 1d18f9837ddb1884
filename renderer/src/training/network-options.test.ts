// The training screen's network choices: the design draft first, presets, saved ones; unfit ones say why.
import { describe, expect, it } from 'vitest';
import { seedNet } from '../../../core/spec/presets.ts';
import { startingDraft } from '../architecture/design-drafts.ts';
import { networkOptions } from './network-options.ts';

const input = { height: 28, width: 28, channels: 1 as const };

describe('networkOptions', () => {
  it('lists the draft, the presets and saved architectures, each with its problem', () => {
    const draft = { ...startingDraft('w1', input, 3), dirty: true };
    const saved = [{ id: 4, name: 'Ten-way', spec: seedNet(10, input), createdAt: 0, updatedAt: 0 }];
    const options = networkOptions(draft, saved, input, 3);
    expect(options.map((o) => o.id)).toEqual(['draft', 'preset:w1', 'preset:w2', 'saved:4']);
    expect(options[0]).toMatchObject({ label: 'Design tab: W1 seed net (unsaved changes)', problem: null, request: { name: 'W1 seed net', spec: draft.spec } });
    expect(options[1].request).toEqual({ name: 'W1 seed net', preset: 'w1' });
    expect(options[3].problem).toBe('the network has 10 outputs; this project has 3 classes');
    expect(networkOptions(null, [], input, 3).map((o) => o.id)).toEqual(['preset:w1', 'preset:w2']);
  });
});
