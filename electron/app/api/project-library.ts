// The projects folder: every project lives in a folder of its own inside it, and the page names a project by
// that folder's name only. Resolving a name re-checks, through the real path, that it stays inside the folder.
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../../contract/api-error.ts';
import type { ProjectListing } from '../../contract/api-responses.ts';
import { createProject, openProject, type OpenProject } from '../project/open-project.ts';
import { PROJECT_DATABASE } from '../project/project-folder.ts';
import { projectFolderName } from '../project/default-root.ts';
import type { NewProjectSettings } from '../store/settings.ts';

export class ProjectLibrary {
  private readonly open = new Map<string, OpenProject>();
  readonly folder: string;

  constructor(folder: string) {
    if (!isAbsolute(folder)) throw new Error(`the projects folder must be an absolute path, not ${folder}`);
    mkdirSync(folder, { recursive: true });
    this.folder = realpathSync(folder);
  }

  /** Most recently changed first. A damaged project is still listed, with its folder name, so it can be deleted. */
  list(): ProjectListing[] {
    const listings: ProjectListing[] = [];
    for (const entry of readdirSync(this.folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const folder = join(this.folder, entry.name);
      const database = join(folder, PROJECT_DATABASE);
      if (!existsSync(database)) continue;
      listings.push({ project: entry.name, folder, modifiedAt: statSync(database).mtimeMs, ...peek(database, entry.name) });
    }
    return listings.sort((a, b) => b.modifiedAt - a.modifiedAt);
  }

  create(settings: NewProjectSettings): { key: string; project: OpenProject } {
    const base = projectFolderName(settings.name);
    let key = base;
    for (let n = 2; existsSync(join(this.folder, key)); n++) key = `${base} (${n})`;
    const project = createProject(join(this.folder, key), settings);
    this.open.set(key, project);
    return { key, project };
  }

  /** The open project of this folder name, opening it on first use. */
  get(key: string): OpenProject {
    const cached = this.open.get(key);
    if (cached) return cached;
    const project = openProject(this.resolve(key));
    this.open.set(key, project);
    return project;
  }

  /** Closes the project and removes its folder; the caller has stopped its jobs. */
  delete(key: string): void {
    const folder = this.resolve(key);
    this.close(key);
    rmSync(folder, { recursive: true, force: true });
  }

  close(key: string): void {
    this.open.get(key)?.store.close();
    this.open.delete(key);
  }

  closeAll(): void {
    for (const key of [...this.open.keys()]) this.close(key);
  }

  private resolve(key: string): string {
    const candidate = join(this.folder, key);
    if (!existsSync(join(candidate, PROJECT_DATABASE))) throw new ApiError('not-found', 'project', `there is no project "${key}" in ${this.folder}`);
    // A symbolic link may point anywhere; the project must really be inside the projects folder.
    const real = realpathSync(candidate);
    const inside = relative(this.folder, real);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.includes('/') || inside.includes('\\')) {
      throw new ApiError('forbidden', 'project', `"${key}" is not a project folder inside ${this.folder}`);
    }
    return real;
  }
}

/** Name and image count, read without opening the project for writing (no migration, no job bookkeeping). */
function peek(database: string, key: string): { name: string; images: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(database, { readonly: true, fileMustExist: true });
    const name = (db.prepare('SELECT name FROM settings WHERE id = 1').get() as { name: string } | undefined)?.name ?? key;
    const images = (db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n;
    return { name, images };
  } catch {
    return { name: key, images: 0 };
  } finally {
    db?.close();
  }
}
