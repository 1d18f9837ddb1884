// The ImageFolder export against a real imported project: the tree, the manifest, and importing the export
// into a new project giving every photo back its class and split.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportPool } from '../../../native-workers/import/import-pool.ts';
import { writePhotos } from '../../../test/helpers/image-tree.ts';
import { Importer } from '../import/importer.ts';
import { createProject, type OpenProject } from '../project/open-project.ts';
import type { ClassId } from '../store/ids.ts';
import type { ImageSample, Split } from '../store/types.ts';
import { parseCsv } from './csv.ts';
import { ExportError, exportImageFolder, type ImageFolderExportResult } from './imagefolder-export.ts';
import { MANIFEST_COLUMNS } from './manifest.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-export-'));
const pool = new ImportPool({ size: 2 });
afterAll(async () => {
  await pool.close();
  rmSync(temp, { recursive: true, force: true });
});

const dataset = join(temp, 'photos');
let project: OpenProject;

function newProject(name: string): OpenProject {
  return createProject(join(temp, name), { name, inputHeight: 8, inputWidth: 8, channels: 3 });
}

async function importInto(target: OpenProject, folder: string) {
  const importer = new Importer(target, pool);
  return importer.run(importer.start({ paths: [folder] }));
}

function allImages(target: OpenProject): ImageSample[] {
  return target.store.images.page({ filter: { kind: 'all' }, sort: 'imported', limit: 1000 }).images.slice();
}

/** sha256 → [class name or null, split] for every readable photo. */
function labelsBySha(target: OpenProject): Map<string, [string | null, Split]> {
  const names = new Map(target.store.classes.list().map((c) => [c.id, c.name]));
  return new Map(allImages(target).filter((i) => i.status === 'ok').map((i) => [i.sha256, [i.classId === null ? null : names.get(i.classId)!, i.split]]));
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

beforeAll(async () => {
  const files: Record<string, number> = {};
  let seed = 100;
  for (const [split, n] of [['train', 3], ['val', 2], ['test', 1]] as const) {
    for (const cls of ['cat', 'dog']) for (let i = 0; i < n; i++) files[`${split}/${cls}/p${i}.jpg`] = seed++;
  }
  // Same names as train/cat/p0.jpg and p1.jpg (the second only case-insensitively): both must be numbered apart.
  files['train/cat/more/p0.jpg'] = seed++;
  files['train/cat/more/P1.JPG'] = seed++;
  files['train/bird/b0.jpg'] = seed++;
  files['val/bird/b1.jpg'] = seed++;
  for (const u of ['unlabeled/u0.jpg', 'unlabeled/u1.png', 'train/unlabeled/u2.jpg']) files[u] = seed++;
  await writePhotos(dataset, files);
  writeFileSync(join(dataset, 'train/cat/broken.jpg'), 'not a photo');

  project = newProject('original');
  await importInto(project, dataset);
  const { store } = project;
  const image = (path: string) => allImages(project).find((i) => join(i.folder, i.fileName) === join(dataset, path))!.id;
  const create = (name: string): ClassId => store.classes.create({ name }).classLabel.id;
  // Names no folder can carry, made the way a person would: renaming and creating classes in the app.
  store.classes.rename(store.classes.findByName('bird')!.id, 'a/b: c?');
  store.labels.assign([image('train/dog/p2.jpg')], create('CON'));
  store.labels.assign([image('test/dog/p0.jpg')], create('Unlabeled'));
  store.labels.assign([image('val/dog/p1.jpg')], create('x:y'));
  store.labels.assign([image('val/cat/p1.jpg')], create('x?y'));
  store.labels.assign([image('unlabeled/u0.jpg')], store.classes.findByName('cat')!.id);
  store.labels.unassign([image('train/dog/p1.jpg')]);
  store.splits.move([image('val/dog/p0.jpg')], 'train'); // meets train/dog/p0.jpg
  store.splits.move([image('unlabeled/u1.png')], 'test');
});

describe('exportImageFolder', () => {
  let out: string;
  let result: ImageFolderExportResult;

  beforeAll(async () => {
    out = join(temp, 'exports', 'dataset');
    mkdirSync(out, { recursive: true }); // an empty folder is a fine destination
    result = await exportImageFolder(project, out);
  });

  it('writes every readable photo under <split>/<class>/, unlabeled ones under <split>/unlabeled/', () => {
    const readable = allImages(project).filter((i) => i.status === 'ok');
    expect(result).toEqual({
      files: readable.length,
      unlabeled: readable.filter((i) => i.classId === null).length,
      skippedUnreadable: 1,
      skippedMissing: 0,
      manifestPath: join(out, 'manifest.csv'),
    });
    const files = filesUnder(out);
    expect(files).toHaveLength(readable.length + 1);
    expect(files).toEqual(expect.arrayContaining([
      'manifest.csv',
      'train/a_b_ c_/b0.jpg',
      'val/a_b_ c_/b1.jpg',
      'train/CON_/p2.jpg',
      'test/Unlabeled (class)/p0.jpg',
      'val/x_y/p1.jpg', // x:y, created first
      'val/x_y (2)/p1.jpg', // x?y
      'train/unlabeled/p1.jpg',
      'train/unlabeled/u2.jpg',
      'test/unlabeled/u1.png',
    ]));
    // Two photos per name clash; which one keeps the plain name follows import order.
    const lower = new Set(files.map((f) => f.toLowerCase()));
    for (const f of ['train/cat/p0.jpg', 'train/cat/p0 (2).jpg', 'train/cat/p1.jpg', 'train/cat/p1 (2).jpg', 'train/dog/p0.jpg', 'train/dog/p0 (2).jpg']) {
      expect(lower.has(f)).toBe(true);
    }
    expect(files.some((f) => f.includes('broken'))).toBe(false);
    expect(readdirSync(join(temp, 'exports'))).toEqual(['dataset']); // no partial folder left beside it
  });

  it('writes a manifest with the true class names and the original bytes behind every path', () => {
    const text = readFileSync(result.manifestPath, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith(`${MANIFEST_COLUMNS.join(',')}\r\n`)).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...MANIFEST_COLUMNS]);
    expect(rows).toHaveLength(result.files);
    const original = labelsBySha(project);
    for (const [path, className, split, sha256, originalName, width, height] of rows) {
      expect(createHash('sha256').update(readFileSync(join(out, path))).digest('hex')).toBe(sha256);
      expect([className === '' ? null : className, split]).toEqual(original.get(sha256));
      expect(path.split('/').at(-1)!.replace(/ \(\d+\)(?=\.|$)/, '').toLowerCase()).toBe(originalName.toLowerCase());
      expect([width, height]).toEqual(['24', '16']);
    }
    expect(rows.find((r) => r[0] === 'train/a_b_ c_/b0.jpg')![1]).toBe('a/b: c?');
    expect(rows.find((r) => r[0] === 'test/Unlabeled (class)/p0.jpg')![1]).toBe('Unlabeled');
  });

  it('imports back into a new project with the same class and split for every photo', async () => {
    const copy = newProject('reimported');
    const summary = await importInto(copy, out);
    expect(summary.failures).toEqual([]); // the manifest is not taken for a photo
    expect(summary.duplicates).toEqual([]);
    expect(summary.imported).toBe(result.files);
    expect(labelsBySha(copy)).toEqual(labelsBySha(project));
    copy.store.close();
  });

  it('refuses a folder that holds anything, and a file, touching neither', async () => {
    const parent = join(temp, 'busy');
    const busy = join(parent, 'out');
    mkdirSync(busy, { recursive: true });
    writeFileSync(join(busy, 'keep.txt'), 'mine');
    writeFileSync(join(parent, 'a-file'), 'mine too');
    await expect(exportImageFolder(project, busy)).rejects.toMatchObject({ name: 'ExportError', code: 'destination-not-empty' });
    await expect(exportImageFolder(project, join(parent, 'a-file'))).rejects.toBeInstanceOf(ExportError);
    await expect(exportImageFolder(project, 'relative/out')).rejects.toMatchObject({ code: 'invalid' });
    expect(readdirSync(parent).sort()).toEqual(['a-file', 'out']);
    expect(readdirSync(busy)).toEqual(['keep.txt']);
  });

  it('leaves nothing behind when cancelled', async () => {
    const parent = join(temp, 'cancelled');
    mkdirSync(parent);
    const controller = new AbortController();
    const progress: number[] = [];
    const exporting = exportImageFolder(project, join(parent, 'out'), {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.done);
        controller.abort();
      },
    });
    await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.length).toBeGreaterThan(0);
    expect(readdirSync(parent)).toEqual([]);

    const aborted = AbortSignal.abort();
    await expect(exportImageFolder(project, join(parent, 'out'), { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
    expect(readdirSync(parent)).toEqual([]);
  });
});
