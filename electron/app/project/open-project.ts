// Creating and opening a project folder: the folder layout plus its project.db, with a crash-interrupted
// job marked interrupted so the app can offer to resume it.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ProjectStore, type ProjectStoreOptions } from '../store/project-store.ts';
import type { NewProjectSettings } from '../store/settings.ts';
import { StoreError } from '../store/store-error.ts';
import { ensureProjectFolders, PROJECT_DATABASE, PROJECT_FOLDERS, projectPaths, type ProjectPaths } from './project-folder.ts';

export interface OpenProject {
  readonly paths: ProjectPaths;
  readonly store: ProjectStore;
}

/** Makes a new project in `folder`, which must not exist yet or be empty. */
export function createProject(folder: string, settings: NewProjectSettings, options: ProjectStoreOptions = {}): OpenProject {
  requireAbsolute(folder);
  const existed = existsSync(folder);
  if (existed && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)) {
    throw new StoreError('folder-not-empty', 'folder', `${folder} is not an empty folder; choose a new or empty folder for the project`);
  }
  const paths = projectPaths(folder);
  let store: ProjectStore | undefined;
  try {
    ensureProjectFolders(folder);
    store = ProjectStore.open(paths.database, true, options);
    store.settings.initialise(settings);
    return { paths, store };
  } catch (error) {
    // Leave nothing half-made behind: a folder with a settings-less project.db would not open.
    store?.close();
    if (existed) {
      for (const name of [...PROJECT_FOLDERS, PROJECT_DATABASE, `${PROJECT_DATABASE}-wal`, `${PROJECT_DATABASE}-shm`]) rmSync(join(folder, name), { recursive: true, force: true });
    } else {
      rmSync(folder, { recursive: true, force: true });
    }
    throw error;
  }
}

/** Opens an existing project. A project from a newer Filterbank is refused and left untouched. */
export function openProject(folder: string, options: ProjectStoreOptions = {}): OpenProject {
  requireAbsolute(folder);
  const paths = projectPaths(folder);
  if (!existsSync(paths.database)) throw new StoreError('not-a-project', 'folder', `${folder} is not a Filterbank project (it has no ${PROJECT_DATABASE})`);
  const store = ProjectStore.open(paths.database, false, options);
  try {
    store.settings.get();
    ensureProjectFolders(folder);
    store.jobs.interruptRunning();
    return { paths, store };
  } catch (error) {
    store.close();
    throw error;
  }
}

function requireAbsolute(folder: unknown): void {
  if (typeof folder !== 'string' || !isAbsolute(folder)) throw new StoreError('invalid', 'folder', 'folder must be an absolute path');
}
