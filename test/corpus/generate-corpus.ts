// Writes the regression corpus of odd image files (cases.ts) into a folder, by default test/corpus/out/
// (git-ignored): `npx tsx test/corpus/generate-corpus.ts [folder]`. The corpus test makes its own copy.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CORPUS, type CorpusCase, type Expectation } from './cases.ts';

export interface GeneratedCase {
  readonly case: CorpusCase;
  readonly path: string;
  /** The case's expectation, or the one its maker chose for this machine (see `note`). */
  readonly expect: Expectation;
  readonly note?: string;
  /** Why the case could not be made here; it is then not checked. */
  readonly skip?: string;
}

/** Makes every case in `dir`, which must be empty or missing. */
export async function generateCorpus(dir: string): Promise<GeneratedCase[]> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`generateCorpus: ${dir} is not empty`);
  return Promise.all(
    CORPUS.map(async (c): Promise<GeneratedCase> => {
      const path = join(dir, c.file);
      const outcome = await c.make(path, dir);
      if (outcome && 'skip' in outcome) return { case: c, path, expect: c.expect, skip: outcome.skip };
      if (outcome) return { case: c, path, expect: outcome.expect, note: outcome.note };
      return { case: c, path, expect: c.expect };
    }),
  );
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('./out/', import.meta.url));
  if (process.argv[2] === undefined) await rm(dir, { recursive: true, force: true });
  const started = performance.now();
  for (const g of await generateCorpus(dir)) {
    const expected = g.expect.ok ? `ok ${g.expect.format}` : g.expect.reason;
    console.log(`${g.case.file.padEnd(40).slice(0, 40)}  ${(g.skip ? `skipped: ${g.skip}` : expected).padEnd(20)}  ${g.note ?? g.case.what}`);
  }
  console.log(`\n${CORPUS.length} cases in ${dir} (${Math.round(performance.now() - started)} ms)`);
}
