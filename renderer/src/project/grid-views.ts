// The views the sidebar lists, in its order (all, unlabeled, unreadable, each split, each class), so the
// keyboard can step through them as the mouse would.
import type { ClassLabel, Split } from '../../../electron/contract/api-responses.ts';
import type { GridFilter } from './workbench-model.ts';

const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

export function gridViews(classes: readonly ClassLabel[]): GridFilter[] {
  return [
    { kind: 'all' },
    { kind: 'class', classId: null },
    { kind: 'unreadable' },
    ...SPLITS.map((split): GridFilter => ({ kind: 'split', split })),
    ...classes.map((c): GridFilter => ({ kind: 'class', classId: c.id })),
  ];
}

export function sameView(a: GridFilter, b: GridFilter): boolean {
  const key = (f: GridFilter) => (f.kind === 'class' ? `class:${f.classId}` : f.kind === 'split' ? `split:${f.split}` : f.kind);
  return key(a) === key(b);
}

/** The view `delta` steps from `current`, wrapping around; a view not in the list (a deleted class) starts from "all". */
export function stepView(current: GridFilter, classes: readonly ClassLabel[], delta: 1 | -1): GridFilter {
  const views = gridViews(classes);
  const at = views.findIndex((v) => sameView(v, current));
  const from = at < 0 ? 0 : at;
  return views[(from + delta + views.length) % views.length];
}
