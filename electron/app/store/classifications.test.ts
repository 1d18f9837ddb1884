// Classification results kept with the project: saved in one transaction, read back in folder order.
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from './store-error.ts';
import { testProject, type TestProject } from './test-helpers.ts';

let p: TestProject;
afterEach(() => p.dispose());

describe('classifications', () => {
  it('saves a classification with every row, unreadable ones included, and reads them back in order', () => {
    p = testProject();
    const results = [
      { file: 'a/1.jpg', predicted: 'cat', confidence: 0.9, uncertain: false, top: [{ label: 'cat', probability: 0.9 }, { label: 'dog', probability: 0.1 }], error: null },
      { file: 'b.jpg', predicted: null, confidence: 0.4, uncertain: true, top: [{ label: 'dog', probability: 0.4 }], error: null },
      { file: 'c.jpg', predicted: null, confidence: null, uncertain: null, top: [], error: { reason: 'truncated', message: 'the file ends early' } },
    ];
    const saved = p.store.classifications.save({ model: '/m.fbmodel', folder: '/photos', topK: 2, uncertainBelow: 0.5, status: 'done', seconds: 1.5, results });
    expect(saved).toMatchObject({ id: 1, total: 3, status: 'done', runId: null });
    expect(p.store.classifications.list().map((c) => c.id)).toEqual([1]);
    expect(p.store.classifications.results(1)).toEqual(results);
    expect(p.store.classifications.results(1, { from: 1, limit: 1 }).map((r) => r.file)).toEqual(['b.jpg']);
  });

  it('refuses bad input naming the field, and writes nothing', () => {
    p = testProject();
    const base = { model: '/m.fbmodel', folder: '/photos', topK: 3, uncertainBelow: 0, status: 'done' as const, seconds: 0, results: [] };
    expect(() => p.store.classifications.save({ ...base, uncertainBelow: 2 })).toThrow(StoreError);
    expect(() => p.store.classifications.save({ ...base, topK: 0 })).toThrow(/topK/);
    expect(() => p.store.classifications.save({ ...base, results: [{ file: '', predicted: null, confidence: null, uncertain: null, top: [], error: null }] })).toThrow(/results\[0\]\.file/);
    expect(p.store.classifications.list()).toEqual([]);
  });
});
