// Undo and redo: each edit one step back, redo until the next edit, and a bounded past.
import { describe, expect, it } from 'vitest';
import { NO_HISTORY, recordEdit, redoEdit, undoEdit, type EditHistory } from './edit-history.ts';

describe('edit history', () => {
  it('undoes and redoes edits in order', () => {
    let history: EditHistory<string> = NO_HISTORY;
    let present = 'a';
    for (const next of ['b', 'c']) {
      history = recordEdit(history, present);
      present = next;
    }
    const back = undoEdit(history, present)!;
    expect(back.value).toBe('b');
    const back2 = undoEdit(back.history, back.value)!;
    expect(back2.value).toBe('a');
    expect(undoEdit(back2.history, back2.value)).toBeNull();
    const forward = redoEdit(back2.history, back2.value)!;
    expect(forward.value).toBe('b');
    // A new edit after an undo drops what could have been redone.
    expect(recordEdit(forward.history, forward.value).future).toEqual([]);
    expect(redoEdit(recordEdit(forward.history, forward.value), 'x')).toBeNull();
  });

  it('keeps at most 200 steps', () => {
    let history: EditHistory<number> = NO_HISTORY;
    for (let i = 0; i < 250; i++) history = recordEdit(history, i);
    expect(history.past).toHaveLength(200);
    expect(history.past[0]).toBe(50);
  });
});
