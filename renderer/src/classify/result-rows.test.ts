// The results table's rows: judged at the threshold, sorted by each column with empty values last, and the
// header clicks that flip the order.
import { describe, expect, it } from 'vitest';
import type { ClassifiedPhoto } from '../../../electron/contract/api-responses.ts';
import { countRows, nextSort, sortRows, toRows } from './result-rows.ts';

const photo = (file: string, label: string, confidence: number): ClassifiedPhoto => ({
  file, predicted: label, confidence, uncertain: false, top: [{ label, probability: confidence }], error: null,
});
const unreadable: ClassifiedPhoto = { file: 'broken.jpg', predicted: null, confidence: null, uncertain: null, top: [], error: { reason: 'truncated', message: 'the file is cut short' } };
const photos = [photo('img10.jpg', 'owl', 0.9), photo('img2.jpg', 'cat', 0.55), unreadable, photo('img1.jpg', 'dog', 0.72)];

describe('result rows', () => {
  it('marks photos below the threshold uncertain, keeping their best guess', () => {
    const rows = toRows(photos, 0.6);
    expect(rows.map((r) => [r.file, r.predicted, r.uncertain])).toEqual([
      ['img10.jpg', 'owl', false], ['img2.jpg', null, true], ['broken.jpg', null, null], ['img1.jpg', 'dog', false],
    ]);
    expect(rows[1].bestGuess).toBe('cat');
    expect(rows[2].error).toBe('the file is cut short');
    expect(countRows(rows)).toEqual({ sure: 2, uncertain: 1, unreadable: 1 });
    // A photo exactly at the threshold is sure, as in the main process (below, not at or below).
    expect(toRows(photos, 0.72)[3].uncertain).toBe(false);
  });

  it('sorts file names naturally and confidences numerically, empty values last both ways', () => {
    const rows = toRows(photos, 0.6);
    expect(sortRows(rows, 'file', 'ascending').map((r) => r.file)).toEqual(['broken.jpg', 'img1.jpg', 'img2.jpg', 'img10.jpg']);
    expect(sortRows(rows, 'confidence', 'descending').map((r) => r.file)).toEqual(['img10.jpg', 'img1.jpg', 'img2.jpg', 'broken.jpg']);
    expect(sortRows(rows, 'confidence', 'ascending').map((r) => r.file)).toEqual(['img2.jpg', 'img1.jpg', 'img10.jpg', 'broken.jpg']);
    expect(sortRows(rows, 'predicted', 'ascending').map((r) => r.predicted)).toEqual(['dog', 'owl', null, null]);
    expect(sortRows(rows, 'predicted', 'descending').map((r) => r.predicted)).toEqual(['owl', 'dog', null, null]);
  });

  it('keeps folder order among equal values', () => {
    const same = toRows([photo('b.jpg', 'cat', 0.5), photo('a.jpg', 'cat', 0.5)], 0);
    expect(sortRows(same, 'predicted', 'descending').map((r) => r.file)).toEqual(['b.jpg', 'a.jpg']);
  });

  it('flips the order on a second click, and starts confidence from the highest', () => {
    expect(nextSort({ key: 'file', direction: 'ascending' }, 'file')).toEqual({ key: 'file', direction: 'descending' });
    expect(nextSort({ key: 'file', direction: 'ascending' }, 'confidence')).toEqual({ key: 'confidence', direction: 'descending' });
    expect(nextSort({ key: 'confidence', direction: 'descending' }, 'predicted')).toEqual({ key: 'predicted', direction: 'ascending' });
  });
});
