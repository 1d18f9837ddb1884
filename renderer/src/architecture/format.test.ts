// Number formats of the editor and the training screen.
import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatDuration, formatShape } from './format.ts';

describe('formats', () => {
  it('formats counts, compact figures and shapes', () => {
    expect(formatCount(591274)).toBe('591,274');
    expect(formatCompact(1_234_567)).toBe('1.23 M');
    expect(formatCompact(2_000_000_000)).toBe('2 G');
    expect(formatCompact(950)).toBe('950');
    expect(formatShape([28, 28, 8])).toBe('28×28×8');
  });

  it('formats durations for people', () => {
    expect(formatDuration(0.2)).toBe('under 1 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
