// The image scheme's resolver on a real project: photos imported through the API service, then requested by
// URL, including hostile URLs and symbolic links planted in the project folder that point outside it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePhotos } from '../../test/helpers/image-tree.ts';
import type { CallName, CallRequest, CallResponse } from '../contract/api-contract.ts';
import { FilterbankService } from '../app/api/filterbank-service.ts';
import { blobPath, thumbnailPath } from '../app/project/project-folder.ts';
import { imageResponse, imageUrl, parseImageUrl, resolveImageFile, serviceImageRecords, type ImageRecords } from './image-protocol.ts';

let root: string;
let projectsFolder: string;
let service: FilterbankService;
let records: ImageRecords;
let project: string;
let projectRoot: string;
let images: CallResponse<'images.page'>['images'];

const call = <N extends CallName>(name: N, request: CallRequest<N>) => service.handle(name, request) as Promise<CallResponse<N>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-image-protocol-'));
  projectsFolder = join(root, 'Projects');
  const photos = join(root, 'photos');
  await writePhotos(photos, { 'cats/a.jpg': 1, 'cats/b.jpg': 2, 'dogs/c.png': 3, 'dogs/d.jpg': 4 }, { width: 32, height: 24 });
  writeFileSync(join(photos, 'dogs', 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
  service = new FilterbankService({ projectsFolder, mode: 'desktop', version: 'test', importWorkers: 1 });
  records = serviceImageRecords(service);
  const created = await call('projects.create', { name: 'Pets & more (2024)' });
  project = created.project;
  projectRoot = created.folder;
  await call('imports.start', { project, paths: [photos], labelFrom: 'folder' });
  await service.settled(project);
  images = (await call('images.page', { project, filter: { kind: 'all' }, sort: 'name' })).images;
});

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

const byName = (name: string) => {
  const image = images.find((i) => i.fileName === name);
  if (!image) throw new Error(`${name} was not imported`);
  return image;
};

describe('parseImageUrl', () => {
  it('reads the URLs imageUrl writes, whatever the project is called', () => {
    for (const name of ['Birds', 'Pets & more (2024)', 'Vögel 🐦', '100% cats', 'a#b?c']) {
      expect(parseImageUrl(imageUrl(name, 'thumb', 7))).toEqual({ project: name, kind: 'thumb', imageId: 7 });
    }
    expect(parseImageUrl('FILTERBANK-IMAGE://LOCAL/Birds/original/9007199254740991')).toEqual({ project: 'Birds', kind: 'original', imageId: 9007199254740991 });
  });

  it.each([
    'filterbank-image://local/../thumb/1',
    'filterbank-image://local/%2e%2e/thumb/1',
    'filterbank-image://local/%2E%2E/thumb/1',
    'filterbank-image://local/.hidden/thumb/1',
    'filterbank-image://local/./thumb/1',
    'filterbank-image://local/Birds%2f..%2f..%2fetc/thumb/1',
    'filterbank-image://local/Birds%2F..%2Fsecret/thumb/1',
    'filterbank-image://local/Birds%5c..%5csecret/thumb/1',
    'filterbank-image://local/..%5c..%5cWindows/thumb/1',
    'filterbank-image://local/Birds\\..\\x/thumb/1',
    'filterbank-image://local/%252e%252e/thumb/1',
    'filterbank-image://local/Birds%252fx/thumb/1',
    'filterbank-image://local/%2fetc%2fpasswd/thumb/1',
    'filterbank-image://local//etc/passwd/thumb/1',
    'filterbank-image://local/C:%5cWindows/thumb/1',
    'filterbank-image://local/C:/thumb/1',
    'filterbank-image://local/Birds%00/thumb/1',
    'filterbank-image://local/Birds%0a/thumb/1',
    'filterbank-image://local/Bir ds/thumb/1',
    'filterbank-image://local/%E0%A4%A/thumb/1',
    'filterbank-image://local/Birds/blob/1',
    'filterbank-image://local/Birds/THUMB/1',
    'filterbank-image://local/Birds/thumbs/1',
    'filterbank-image://local/Birds/thumb/0',
    'filterbank-image://local/Birds/thumb/-1',
    'filterbank-image://local/Birds/thumb/01',
    'filterbank-image://local/Birds/thumb/1.5',
    'filterbank-image://local/Birds/thumb/1e3',
    'filterbank-image://local/Birds/thumb/0x10',
    'filterbank-image://local/Birds/thumb/9007199254740992',
    'filterbank-image://local/Birds/thumb/99999999999999999999',
    'filterbank-image://local/Birds/thumb/',
    'filterbank-image://local/Birds/thumb/1/',
    'filterbank-image://local/Birds/thumb/1?x=1',
    'filterbank-image://local/Birds/thumb/1#x',
    'filterbank-image://local/Birds/thumb',
    'filterbank-image://other/Birds/thumb/1',
    'filterbank-image://local.evil/Birds/thumb/1',
    'app://filterbank/Birds/thumb/1',
    'file:///etc/passwd',
    `filterbank-image://local/${'a'.repeat(256)}/thumb/1`,
    `filterbank-image://local/${'%41'.repeat(1400)}/thumb/1`,
  ])('refuses %s', (url) => {
    expect(parseImageUrl(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1, {}]) expect(parseImageUrl(value)).toBeNull();
  });
});

describe('resolveImageFile on a real project', () => {
  it('finds the thumbnail and the original of an imported photo', async () => {
    const cat = byName('a.jpg');
    const thumb = await resolveImageFile(imageUrl(project, 'thumb', cat.id), projectsFolder, records);
    expect(thumb).toEqual({ status: 200, path: thumbnailPath(projectRoot, cat.sha256), mime: 'image/jpeg' });
    const dog = byName('c.png');
    const original = await resolveImageFile(imageUrl(project, 'original', dog.id), projectsFolder, records);
    expect(original).toEqual({ status: 200, path: blobPath(projectRoot, dog.sha256, 'png'), mime: 'image/png' });
  });

  it('answers the bytes, which decode as the image they claim to be', async () => {
    const cat = byName('b.jpg');
    const response = await imageResponse(imageUrl(project, 'thumb', cat.id), projectsFolder, records);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'Content-Type': 'image/jpeg', 'X-Content-Type-Options': 'nosniff' });
    expect((await sharp(response.body!).metadata()).format).toBe('jpeg');
    const original = await imageResponse(imageUrl(project, 'original', cat.id), projectsFolder, records);
    expect(Buffer.from(original.body!).equals(readFileSync(blobPath(projectRoot, cat.sha256, 'jpeg')))).toBe(true);
  });

  it('answers 404 for unknown images and projects, and for an unreadable photo without a thumbnail', async () => {
    expect(await resolveImageFile(imageUrl(project, 'thumb', 999_999), projectsFolder, records)).toMatchObject({ status: 404 });
    expect(await resolveImageFile(imageUrl('No such project', 'thumb', 1), projectsFolder, records)).toMatchObject({ status: 404 });
    const broken = byName('broken.jpg');
    expect(broken.hasThumbnail).toBe(false);
    expect(await resolveImageFile(imageUrl(project, 'thumb', broken.id), projectsFolder, records)).toMatchObject({ status: 404 });
    const response = await imageResponse(imageUrl(project, 'thumb', 999_999), projectsFolder, records);
    expect(response).toMatchObject({ status: 404, body: null });
  });

  it('answers 400 for a refused URL without looking anything up', async () => {
    let asked = 0;
    const counting: ImageRecords = async (p, id) => (asked++, records(p, id));
    expect(await resolveImageFile('filterbank-image://local/%2e%2e/thumb/1', projectsFolder, counting)).toMatchObject({ status: 400 });
    expect(asked).toBe(0);
  });

  it('refuses a thumbnail that is a symbolic link to a file outside the project', async () => {
    const cat = byName('d.jpg');
    const path = thumbnailPath(projectRoot, cat.sha256);
    const secret = join(root, 'secret.jpg');
    copyFileSync(path, secret);
    const saved = readFileSync(path);
    unlinkSync(path);
    symlinkSync(secret, path);
    try {
      expect(await resolveImageFile(imageUrl(project, 'thumb', cat.id), projectsFolder, records)).toMatchObject({ status: 403 });
      expect(await imageResponse(imageUrl(project, 'thumb', cat.id), projectsFolder, records)).toMatchObject({ status: 403, body: null });
    } finally {
      unlinkSync(path);
      writeFileSync(path, saved);
    }
    expect(await resolveImageFile(imageUrl(project, 'thumb', cat.id), projectsFolder, records)).toMatchObject({ status: 200 });
  });

  it('refuses a thumbnail reached through a linked shard folder, and a thumbnail that links into blobs/', async () => {
    const cat = byName('a.jpg');
    const path = thumbnailPath(projectRoot, cat.sha256);
    const shard = dirname(path);
    const moved = `${shard}-moved`;
    const outside = mkdtempSync(join(tmpdir(), 'filterbank-outside-'));
    const saved = readFileSync(path);
    rmSync(shard, { recursive: true });
    mkdirSync(moved);
    writeFileSync(join(outside, `${cat.sha256}.jpg`), saved);
    symlinkSync(outside, shard);
    try {
      expect(await resolveImageFile(imageUrl(project, 'thumb', cat.id), projectsFolder, records)).toMatchObject({ status: 403 });
    } finally {
      unlinkSync(shard);
      rmSync(moved, { recursive: true });
      rmSync(outside, { recursive: true });
      mkdirSync(shard);
      writeFileSync(path, saved);
    }
    // A thumbnail that is a link to the original: inside the project, but not inside thumbs/.
    unlinkSync(path);
    symlinkSync(blobPath(projectRoot, cat.sha256, 'jpeg'), path);
    try {
      expect(await resolveImageFile(imageUrl(project, 'thumb', cat.id), projectsFolder, records)).toMatchObject({ status: 403 });
    } finally {
      unlinkSync(path);
      writeFileSync(path, saved);
    }
  });

  it('refuses a project folder that is a symbolic link to a folder outside the projects folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'filterbank-outside-project-'));
    writeFileSync(join(outside, 'project.db'), '');
    symlinkSync(outside, join(projectsFolder, 'Outside'));
    try {
      expect(await resolveImageFile(imageUrl('Outside', 'thumb', 1), projectsFolder, records)).toMatchObject({ status: 403 });
    } finally {
      unlinkSync(join(projectsFolder, 'Outside'));
      rmSync(outside, { recursive: true });
    }
  });

  it('refuses a record whose hash is not a SHA-256, whatever the store says', async () => {
    const lying: ImageRecords = async () => ({ sha256: '../../../../etc/passwd', format: 'jpeg', hasThumbnail: true, hasBlob: true });
    expect(await resolveImageFile(imageUrl(project, 'original', 1), projectsFolder, lying)).toMatchObject({ status: 500 });
  });
});
