// Stepping through the sidebar's views with [ and ].
import { describe, expect, it } from 'vitest';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import { gridViews, sameView, stepView } from './grid-views.ts';

const classes = [
  { id: 7, name: 'cat', colour: '#ff0000', shortcut: null, position: 0 },
  { id: 3, name: 'dog', colour: '#00ff00', shortcut: 'd', position: 1 },
] as unknown as ClassLabel[];

describe('grid views', () => {
  it('lists the views in the sidebar order', () => {
    expect(gridViews(classes)).toEqual([
      { kind: 'all' }, { kind: 'class', classId: null }, { kind: 'unreadable' },
      { kind: 'split', split: 'train' }, { kind: 'split', split: 'validation' }, { kind: 'split', split: 'test' },
      { kind: 'class', classId: 7 }, { kind: 'class', classId: 3 },
    ]);
  });

  it('steps forward and back, wrapping at both ends', () => {
    expect(stepView({ kind: 'all' }, classes, 1)).toEqual({ kind: 'class', classId: null });
    expect(stepView({ kind: 'all' }, classes, -1)).toEqual({ kind: 'class', classId: 3 });
    expect(stepView({ kind: 'class', classId: 3 }, classes, 1)).toEqual({ kind: 'all' });
    expect(stepView({ kind: 'split', split: 'test' }, classes, 1)).toEqual({ kind: 'class', classId: 7 });
  });

  it('treats "all, unlabeled first" as "all", and a deleted class as a fresh start', () => {
    expect(sameView({ kind: 'all', unlabeledFirst: true }, { kind: 'all' })).toBe(true);
    expect(sameView({ kind: 'class', classId: null }, { kind: 'class', classId: 7 })).toBe(false);
    expect(stepView({ kind: 'class', classId: 99 }, classes, 1)).toEqual({ kind: 'class', classId: null });
  });
});
