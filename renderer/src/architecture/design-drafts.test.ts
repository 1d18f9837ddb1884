// Starting networks fit the project, and drafts are shared between tabs with change notifications.
import { describe, expect, it } from 'vitest';
import { startingDraft, type DesignDraft } from './design-drafts.ts';
import { ProjectViewStore } from './project-view-store.ts';
import { analyzeDraft } from './spec-analysis.ts';

const input = { height: 20, width: 20, channels: 3 as const };

describe('starting drafts', () => {
  it.each(['w1', 'w2', 'blank'] as const)('%s is trainable on the project as it is', (from) => {
    const draft = startingDraft(from, input, 4);
    expect(draft.spec.input).toEqual(input);
    expect(analyzeDraft(draft.spec, input, 4).trainable).toBe(true);
  });

  it('keeps two outputs for a project without classes yet', () => {
    expect(startingDraft('w1', input, 0).spec.layers.at(-2)).toEqual({ type: 'dense', units: 2 });
  });
});

describe('ProjectViewStore', () => {
  it('stores a draft per project and tells its listeners', () => {
    const drafts = new ProjectViewStore<DesignDraft>();
    let told = 0;
    const off = drafts.subscribe(() => told++);
    drafts.set('a', startingDraft('w1', input, 2));
    expect(drafts.get('a')?.name).toBe('W1 seed net');
    expect(drafts.get('b')).toBeNull();
    off();
    drafts.set('a', startingDraft('blank', input, 2));
    expect(told).toBe(1);
  });
});
