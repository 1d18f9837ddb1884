// The classification pool with real workers: outcomes in request order, the model's own preprocessing (an
// RGB photo into a gray model), reasons for files that cannot be read, and a model that cannot load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeModelFile } from '../../core/io/model-file.ts';
import { modelFileFromNetwork } from '../../core/io/model-network.ts';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { writePhotos } from '../../test/helpers/image-tree.ts';
import { PoolBrokenError } from '../pool.ts';
import { ClassifyPool } from './classify-pool.ts';

let temp: string;
let photos: string[];
let modelBytes: Uint8Array;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'filterbank-classify-pool-'));
  photos = await writePhotos(temp, { 'a.jpg': 1, 'b.png': 2, 'c.jpg': 3 }, { width: 60, height: 40 });
  writeFileSync(join(temp, 'empty.jpg'), '');
  const network = new Network(seedNet(3), { seed: 5 });
  const classNames = ['cat', 'dog', 'bird'];
  modelBytes = encodeModelFile(modelFileFromNetwork(network, { classNames, preprocessing: defaultPreprocessing(28, 28, 1, 'letterbox') }));
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('ClassifyPool', () => {
  it('answers one outcome per path, in order, with top-k probabilities', async () => {
    const pool = new ClassifyPool({ modelBytes, size: 2 });
    try {
      const paths = [photos[0], join(temp, 'missing.jpg'), photos[1], join(temp, 'empty.jpg'), photos[2]];
      const [batch, single] = await Promise.all([pool.classify(paths, 2), pool.classify([photos[0]], 5)]);
      expect(batch.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['ok', 'vanished', 'ok', 'not-an-image', 'ok']);
      for (const o of batch) {
        if (!o.ok) continue;
        expect(o.top).toHaveLength(2);
        expect(o.top[0].probability).toBeGreaterThanOrEqual(o.top[1].probability);
        expect(['cat', 'dog', 'bird']).toContain(o.top[0].label);
      }
      // Batched or alone, a photo gets the same answer; k is capped at the class count.
      expect(single[0].ok && single[0].top).toHaveLength(3);
      const [first] = batch;
      if (!first.ok || !single[0].ok) throw new Error('expected both to be classified');
      expect(single[0].top[0].probability).toBeCloseTo(first.top[0].probability, 6);
      const total = single[0].top.reduce((sum, t) => sum + t.probability, 0);
      expect(total).toBeCloseTo(1, 5);
    } finally {
      await pool.close();
    }
  });

  it('with jpegDraft, answers alike whether drafts decode on libuv\'s pool (few workers) or on each worker (many)', async () => {
    const network = new Network(seedNet(3), { seed: 5 });
    const drafted = encodeModelFile(modelFileFromNetwork(network, { classNames: ['cat', 'dog', 'bird'], preprocessing: defaultPreprocessing(28, 28, 1, 'letterbox', true) }));
    const answers = [];
    for (const UV_THREADPOOL_SIZE of ['4', '1']) {
      // One worker is below libuv's 4 threads; with UV_THREADPOOL_SIZE=1 it is not, so it decodes on its own thread.
      process.env.UV_THREADPOOL_SIZE = UV_THREADPOOL_SIZE;
      const pool = new ClassifyPool({ modelBytes: drafted, size: 1 });
      try {
        answers.push(await pool.classify(photos, 3));
      } finally {
        await pool.close();
      }
    }
    delete process.env.UV_THREADPOOL_SIZE;
    expect(answers[0].every((o) => o.ok)).toBe(true);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('reports a model file the workers cannot load as a broken pool', async () => {
    const damaged = modelBytes.slice();
    damaged[damaged.length - 10] ^= 0xff;
    const pool = new ClassifyPool({ modelBytes: damaged, size: 1 });
    try {
      await expect(pool.classify([photos[0]], 1)).rejects.toBeInstanceOf(PoolBrokenError);
    } finally {
      await pool.close();
    }
  });
});
