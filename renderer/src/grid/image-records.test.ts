// The record cache: batched fetches, no double fetch, optimistic patches that roll back exactly.
import { describe, expect, it } from 'vitest';
import type { ImageSample } from '../../../electron/contract/api-responses.ts';
import { ImageRecords, MAX_CACHED_RECORDS } from './image-records.ts';

const record = (id: number): ImageSample => ({ id, classId: null, fileName: `${id}.jpg` }) as unknown as ImageSample;

function setup() {
  const calls: number[][] = [];
  const errors: unknown[] = [];
  const records = new ImageRecords(async (ids) => {
    calls.push(ids);
    return ids.map(record);
  }, (e) => errors.push(e));
  return { calls, errors, records };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ImageRecords', () => {
  it('fetches missing records in batches of 500 and never twice', async () => {
    const { calls, records } = setup();
    records.want(Array.from({ length: 1200 }, (_, i) => i + 1));
    records.want([1, 2, 3]);
    await settle();
    expect(calls.map((c) => c.length)).toEqual([500, 500, 200]);
    records.want([5, 1201]);
    await settle();
    expect(calls.at(-1)).toEqual([1201]);
    expect(records.get(1201)?.fileName).toBe('1201.jpg');
  });

  it('patches at once and rolls back exactly that patch', async () => {
    const { records } = setup();
    records.want([1, 2]);
    await settle();
    const before = records.snapshot();
    const rollback = records.patch([1, 2, 99], { classId: 7 });
    expect(records.get(1)?.classId).toBe(7);
    expect(records.snapshot()).toBeGreaterThan(before);
    rollback();
    expect(records.get(1)?.classId).toBeNull();
    expect(records.get(99)).toBeUndefined();
  });

  it('stays bounded and reports fetch failures', async () => {
    const { records } = setup();
    records.want(Array.from({ length: MAX_CACHED_RECORDS + 600 }, (_, i) => i + 1));
    await settle();
    expect(records.get(1)).toBeUndefined();
    expect(records.get(MAX_CACHED_RECORDS + 600)).toBeDefined();
    const errors: unknown[] = [];
    const failing = new ImageRecords(() => Promise.reject(new Error('gone')), (e) => errors.push(e));
    failing.want([1]);
    await settle();
    expect(errors).toHaveLength(1);
  });
});
