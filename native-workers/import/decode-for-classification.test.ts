// decodeForClassification against decodeImageFile over the whole regression corpus: the same network input
// byte for byte, and the same refusals, so skipping the import's hash and thumbnail changes no prediction.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { CORPUS } from '../../test/corpus/cases.ts';
import { generateCorpus, type GeneratedCase } from '../../test/corpus/generate-corpus.ts';
import { decodeForClassification, decodeImageFile } from './decode-image.ts';

// Every resize mode and both channel counts, at sizes that shrink some corpus files and enlarge others.
const PREPROCESSINGS = [
  defaultPreprocessing(32, 48, 3, 'stretch'),
  defaultPreprocessing(32, 32, 3, 'crop'),
  { ...defaultPreprocessing(20, 30, 1, 'letterbox'), fill: 9 },
  // JPEGs decoded at reduced size (or, where the addon is not built, refused the same way by both).
  defaultPreprocessing(32, 32, 3, 'crop', true),
  { ...defaultPreprocessing(20, 30, 1, 'letterbox', true), fill: 9 },
];

let dir: string;
const generated = new Map<string, GeneratedCase>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'filterbank-classify-decode-'));
  for (const g of await generateCorpus(dir)) generated.set(g.case.file, g);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('decodeForClassification', () => {
  it.for(CORPUS.map((c) => [c.file, c.what] as const))('reads %s (%s) as the import does', async ([file], context) => {
    const g = generated.get(file)!;
    if (g.skip) return context.skip(g.skip);
    for (const p of PREPROCESSINGS) {
      const imported = await decodeImageFile(g.path, p);
      const classified = await decodeForClassification(g.path, p);
      if (imported.ok) {
        expect(classified.ok, `${file} is refused for classification but imported`).toBe(true);
        if (classified.ok) expect(classified.tensor).toEqual(imported.tensor);
      } else {
        expect(classified).toMatchObject({ ok: false, reason: imported.reason });
      }
    }
  });

  it('keeps the import’s limits', async () => {
    const g = [...generated.values()].find((c) => !c.skip && c.expect.ok)!;
    const p = PREPROCESSINGS[0];
    expect(await decodeForClassification(g.path, p, { maxFileBytes: 10 })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await decodeForClassification(g.path, p, { limitInputPixels: 4 })).toMatchObject({ ok: false, reason: 'too-many-pixels' });
  });
});
