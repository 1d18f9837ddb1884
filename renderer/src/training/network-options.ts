// The networks a run can train: the design open in the Design tab, the presets, and the architectures saved
// with the project; each with whether it can train on this project now, and the request part it becomes.
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { PRESETS } from '../../../core/spec/presets.ts';
import type { SavedArchitecture } from '../../../electron/contract/design-and-training-responses.ts';
import type { DesignDraft } from '../architecture/design-drafts.ts';
import { analyzeDraft, type ProjectInput } from '../architecture/spec-analysis.ts';

export interface NetworkOption {
  readonly id: string;
  readonly label: string;
  /** Why it cannot train now; null when it can. */
  readonly problem: string | null;
  readonly request: { readonly name: string } & ({ readonly preset: 'w1' | 'w2' } | { readonly spec: ModelSpec });
}

export function networkOptions(draft: DesignDraft | null, saved: readonly SavedArchitecture[], input: ProjectInput, classes: number): NetworkOption[] {
  const check = (spec: ModelSpec) => analyzeDraft(spec, input, classes).problem?.message ?? null;
  const options: NetworkOption[] = [];
  if (draft) options.push({ id: 'draft', label: `Design tab: ${draft.name}${draft.dirty ? ' (unsaved changes)' : ''}`, problem: check(draft.spec), request: { name: draft.name, spec: draft.spec } });
  for (const key of ['w1', 'w2'] as const) {
    // The main process builds presets for the project's input and classes, so they always fit.
    options.push({ id: `preset:${key}`, label: PRESETS[key].name, problem: null, request: { name: PRESETS[key].name, preset: key } });
  }
  for (const a of saved) options.push({ id: `saved:${a.id}`, label: `Saved: ${a.name}`, problem: check(a.spec), request: { name: a.name, spec: a.spec } });
  return options;
}
