import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProblem, scanPaths, type ScannedFile, type ScanOptions, type ScanProblem } from './scan.ts';

const root = mkdtempSync(join(tmpdir(), 'fb-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(base: string, files: string[]): string {
  for (const f of files) {
    mkdirSync(join(base, f, '..'), { recursive: true });
    writeFileSync(join(base, f), 'x');
  }
  return base;
}

async function scan(paths: string[], options?: ScanOptions): Promise<{ files: ScannedFile[]; problems: ScanProblem[] }> {
  const files: ScannedFile[] = [];
  const problems: ScanProblem[] = [];
  for await (const entry of scanPaths(paths, options)) {
    if (isProblem(entry)) problems.push(entry);
    else files.push(entry);
  }
  return { files, problems };
}

const short = (base: string, f: ScannedFile) => [f.path.slice(base.length + 1), f.className, f.split];

describe('scanPaths', () => {
  it('reads ImageFolder conventions: split folders, class folders, unlabeled/', async () => {
    const base = tree(join(root, 'dataset'), [
      'train/cat/a.jpg', 'train/dog/nested/b.png', 'VAL/cat/c.jpg', 'validation/dog/c2.jpg', 'test/dog/d.jpg',
      'unlabeled/e.jpg', 'train/unlabeled/e2.jpg', 'bird/f.jpg', 'g.jpg', '.hidden.jpg', 'cat/.DS_Store', 'Thumbs.db',
    ]);
    const { files, problems } = await scan([base]);
    expect(problems).toEqual([]);
    expect(files.map((f) => short(base, f))).toEqual([
      ['VAL/cat/c.jpg', 'cat', 'validation'],
      ['bird/f.jpg', 'bird', null],
      ['g.jpg', null, null],
      ['test/dog/d.jpg', 'dog', 'test'],
      ['train/cat/a.jpg', 'cat', 'train'],
      ['train/dog/nested/b.png', 'dog', 'train'],
      ['train/unlabeled/e2.jpg', null, 'train'],
      ['unlabeled/e.jpg', null, null],
      ['validation/dog/c2.jpg', 'dog', 'validation'],
    ]);
  });

  it('labels by file-name prefix when asked', async () => {
    const base = tree(join(root, 'prefix'), ['cat.001.jpg', 'dog.7.png', 'plain.jpg', 'train/bird.1.jpg']);
    const { files } = await scan([base], { labelFrom: 'prefix' });
    expect(files.map((f) => short(base, f))).toEqual([
      ['cat.001.jpg', 'cat', null],
      ['dog.7.png', 'dog', null],
      ['plain.jpg', null, null],
      ['train/bird.1.jpg', 'bird', 'train'],
    ]);
  });

  it('takes dropped files as they are, and normalises class names to NFC', async () => {
    const base = tree(join(root, 'mixed'), ['Ко\u0301шка/a.jpg', 'loose.jpg']);
    const { files } = await scan([join(base, 'loose.jpg'), base]);
    expect(files[0]).toMatchObject({ path: join(base, 'loose.jpg'), className: null, split: null });
    expect(files.map((f) => f.className)).toEqual([null, null, 'Ко\u0301шка'.normalize('NFC')]);
  });

  it('reports link loops and vanished paths, and goes on', async () => {
    const base = tree(join(root, 'loops'), ['ok/a.jpg']);
    symlinkSync(base, join(base, 'ok', 'back')); // a folder link to an ancestor
    symlinkSync(join(base, 'self'), join(base, 'self')); // a link to itself
    const { files, problems } = await scan([base, join(root, 'missing')]);
    expect(files.map((f) => short(base, f))).toEqual([['ok/a.jpg', 'ok', null]]);
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/links back/),
      expect.stringMatching(/link loop/),
      expect.stringMatching(/vanished/),
    ]);
  });

  it("reads an export's manifest.csv for the true class names of its folders, and does not list it as a photo", async () => {
    const base = tree(join(root, 'export'), [
      'train/a_b_ c_/x.jpg', 'val/a_b_ c_/new.jpg', 'train/unlabeled (class)/y.jpg', 'test/unlabeled/z.jpg', 'train/cat/w.jpg',
      'train/mixed/m.jpg',
    ]);
    writeFileSync(join(base, 'manifest.csv'), [
      'path,class,split,sha256,original_name,width,height',
      'train/a_b_ c_/x.jpg,a/b: c?,train,,x.jpg,1,1',
      'train/unlabeled (class)/y.jpg,unlabeled,train,,y.jpg,1,1',
      'test/unlabeled/z.jpg,,test,,z.jpg,1,1',
      'train/mixed/m.jpg,one,train,,m.jpg,1,1',
      'val/mixed/n.jpg,other,validation,,n.jpg,1,1',
    ].join('\r\n'));
    const { files } = await scan([base]);
    expect(files.map((f) => short(base, f))).toEqual([
      ['test/unlabeled/z.jpg', null, 'test'],
      ['train/a_b_ c_/x.jpg', 'a/b: c?', 'train'],
      ['train/cat/w.jpg', 'cat', 'train'],
      ['train/mixed/m.jpg', 'mixed', 'train'], // the manifest disagrees with itself: the folder name wins
      ['train/unlabeled (class)/y.jpg', 'unlabeled', 'train'],
      ['val/a_b_ c_/new.jpg', 'a/b: c?', 'validation'], // a photo added after the export joins its folder's class
    ]);
  });

  it('ignores a manifest.csv that is not an export manifest', async () => {
    const base = tree(join(root, 'other-csv'), ['train/cat/a.jpg']);
    writeFileSync(join(base, 'manifest.csv'), 'file,label\r\ntrain/cat/a.jpg,dog\r\n');
    const { files } = await scan([base]);
    expect(files.map((f) => short(base, f))).toEqual([['manifest.csv', null, null], ['train/cat/a.jpg', 'cat', 'train']]);
  });

  it('shortens an over-long folder name to a valid class name instead of failing', async () => {
    const long = 'x'.repeat(150);
    const base = tree(join(root, 'long'), [`${long}/a.jpg`, ' spaced /b.jpg']);
    const { files } = await scan([base]);
    expect(files.map((f) => f.className)).toEqual(['spaced', 'x'.repeat(100)]);
  });
});
