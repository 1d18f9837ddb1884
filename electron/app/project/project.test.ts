// Project folders: the default location on each platform, the layout on disk, creating only in an empty
// folder, and opening: a newer project refused with its files untouched.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../store/migrations/index.ts';
import { tempFolder } from '../store/test-helpers.ts';
import { defaultProjectsRoot, projectFolderName, userDataFolder } from './default-root.ts';
import { createProject, openProject } from './open-project.ts';
import { blobPath, tensorPath, thumbnailPath } from './project-folder.ts';

describe('default projects root', () => {
  it('follows each platform', () => {
    expect(defaultProjectsRoot('linux', {}, '/home/ana')).toBe('/home/ana/.local/share/Filterbank/Projects');
    expect(defaultProjectsRoot('linux', { XDG_DATA_HOME: '/data/ana' }, '/home/ana')).toBe('/data/ana/Filterbank/Projects');
    // A relative XDG_DATA_HOME is invalid by the spec and ignored.
    expect(defaultProjectsRoot('linux', { XDG_DATA_HOME: 'data' }, '/home/ana')).toBe('/home/ana/.local/share/Filterbank/Projects');
    expect(defaultProjectsRoot('darwin', { XDG_DATA_HOME: '/x' }, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Filterbank/Projects');
    expect(defaultProjectsRoot('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Filterbank\\Projects');
    expect(defaultProjectsRoot('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Filterbank\\Projects');
    expect(userDataFolder('freebsd', {}, '/home/ana')).toBe('/home/ana/.local/share/Filterbank');
  });

  it('turns a project name into a folder name every platform accepts', () => {
    expect(projectFolderName('Birds: 2024?')).toBe('Birds_ 2024_');
    expect(projectFolderName('  ../..  ')).toBe('Project');
    expect(projectFolderName('.hidden birds.')).toBe('hidden birds');
    expect(projectFolderName('...')).toBe('Project');
    expect(projectFolderName('con')).toBe('con_');
    expect(projectFolderName('Fåglar 🐦')).toBe('Fåglar 🐦');
  });
});

describe('project folders', () => {
  const temp = tempFolder();
  afterAll(() => temp.remove());

  it('lay out blobs, thumbnails and tensors by hash', () => {
    const sha = 'ab' + 'c'.repeat(62);
    expect(blobPath('/p', sha, 'jpeg')).toBe(`/p/blobs/ab/${sha}.jpg`);
    expect(blobPath('/p', sha, null)).toBe(`/p/blobs/ab/${sha}.bin`);
    expect(thumbnailPath('/p', sha)).toBe(`/p/thumbs/ab/${sha}.jpg`);
    expect(tensorPath('/p', sha, { inputHeight: 64, inputWidth: 48, channels: 3, resizeMode: 'crop', jpegDraft: false })).toBe(`/p/cache/64x48x3-crop/ab/${sha}.u8`);
    expect(tensorPath('/p', sha, { inputHeight: 64, inputWidth: 48, channels: 3, resizeMode: 'crop', jpegDraft: true })).toBe(`/p/cache/64x48x3-crop-jpegdraft/ab/${sha}.u8`);
  });

  it('create a project with its folders, then open it again', () => {
    const folder = join(temp.path, 'Birds');
    const created = createProject(folder, { name: 'Birds', inputHeight: 32, inputWidth: 32 });
    created.store.close();
    expect(readdirSync(folder).sort()).toEqual(['blobs', 'cache', 'exports', 'project.db', 'runs', 'thumbs']);
    const opened = openProject(folder);
    expect(opened.store.settings.get()).toMatchObject({ name: 'Birds', inputHeight: 32 });
    expect(opened.paths.database).toBe(join(folder, 'project.db'));
    opened.store.close();
  });

  it('create only in a new or empty folder, and leave nothing behind when the settings are wrong', () => {
    const used = join(temp.path, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'holiday.jpg'), 'x');
    expect(() => createProject(used, { name: 'X' })).toThrow(expect.objectContaining({ code: 'folder-not-empty', field: 'folder' }));
    expect(readdirSync(used)).toEqual(['holiday.jpg']);
    expect(() => createProject('relative/folder', { name: 'X' })).toThrow(expect.objectContaining({ code: 'invalid', field: 'folder' }));

    const fresh = join(temp.path, 'fresh');
    expect(() => createProject(fresh, { name: 'X', channels: 4 as never })).toThrow(expect.objectContaining({ field: 'channels' }));
    expect(existsSync(fresh)).toBe(false);
    const empty = join(temp.path, 'empty');
    mkdirSync(empty);
    expect(() => createProject(empty, { name: '' })).toThrow(expect.objectContaining({ field: 'name' }));
    expect(readdirSync(empty)).toEqual([]);
  });

  it('refuse to open a folder that is no project', () => {
    expect(() => openProject(temp.path)).toThrow(expect.objectContaining({ code: 'not-a-project' }));
  });

  it('refuse a project from a newer Filterbank, leaving the folder exactly as it was', () => {
    const folder = join(temp.path, 'newer');
    createProject(folder, { name: 'From the future' }).store.close();
    const db = new Database(join(folder, 'project.db'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const hash = () => createHash('sha256').update(readFileSync(join(folder, 'project.db'))).digest('hex');
    const before = { hash: hash(), files: readdirSync(folder).sort() };
    expect(() => openProject(folder)).toThrow(expect.objectContaining({ name: 'StoreError', code: 'newer-version', foundVersion: SCHEMA_VERSION + 5 }));
    expect({ hash: hash(), files: readdirSync(folder).sort() }).toEqual(before);
  });
});
