// The network being designed in each open project, kept outside the Design tab so it survives switching
// tabs and the Train tab can train it before it is saved; and the starting networks a design begins from.
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { PRESETS } from '../../../core/spec/presets.ts';
import type { EditHistory } from './edit-history.ts';
import { ProjectViewStore } from './project-view-store.ts';
import type { ProjectInput } from './spec-analysis.ts';

export interface DesignDraft {
  readonly name: string;
  /** The saved architecture this draft was opened from (and saving replaces), or null. */
  readonly savedId: number | null;
  readonly spec: ModelSpec;
  /** Changed since it was opened or saved. */
  readonly dirty: boolean;
}

export type StartingPoint = 'w1' | 'w2' | 'blank';

export const STARTING_POINTS: ReadonlyArray<{ readonly id: StartingPoint; readonly title: string; readonly hint: string }> = [
  { id: 'w1', title: PRESETS.w1.name, hint: 'two convolutions with pooling, then a dense layer: small and quick' },
  { id: 'w2', title: PRESETS.w2.name, hint: 'four convolutions in two blocks, then two dense layers: slower, sees more' },
  { id: 'blank', title: 'Blank network', hint: 'just the output layer; add your own' },
];

/** A starting network sized for the project: its input, and one output per class (at least two). */
export function startingDraft(from: StartingPoint, input: ProjectInput, classes: number): DesignDraft {
  const outputs = Math.max(classes, 2);
  const spec: ModelSpec =
    from === 'blank' ? { input: { ...input }, layers: [{ type: 'flatten' }, { type: 'dense', units: outputs }, { type: 'softmax' }] } : PRESETS[from].build(outputs, { ...input });
  const name = from === 'blank' ? 'My network' : PRESETS[from].name;
  return { name, savedId: null, spec, dirty: false };
}

/** The page's one store of drafts, and of their undo histories. */
export const designDrafts = new ProjectViewStore<DesignDraft>();
export const designHistories = new ProjectViewStore<EditHistory<DesignDraft>>();
