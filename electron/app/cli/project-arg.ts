// The <project> argument: an existing project folder, or (for commands that may start one) a new one.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createProject, openProject, type OpenProject } from '../project/open-project.ts';
import { PROJECT_DATABASE } from '../project/project-folder.ts';
import type { NewProjectSettings } from '../store/settings.ts';
import { UsageError } from './cli-io.ts';
import { absolutePath } from './options.ts';

export function openExisting(folder: string | undefined): OpenProject {
  if (!folder) throw new UsageError('missing <project>: the project folder');
  const path = absolutePath(folder);
  if (!existsSync(join(path, PROJECT_DATABASE))) throw new UsageError(`${path} is not a Filterbank project (no ${PROJECT_DATABASE})`);
  return openProject(path);
}

/** Opens the project, or creates it when the folder is new or empty. */
export function openOrCreate(folder: string | undefined, settings: Omit<NewProjectSettings, 'name'>): { project: OpenProject; created: boolean } {
  if (!folder) throw new UsageError('missing <project>: the project folder');
  const path = absolutePath(folder);
  if (existsSync(join(path, PROJECT_DATABASE))) return { project: openProject(path), created: false };
  if (existsSync(path) && readdirSync(path).length > 0) {
    throw new UsageError(`${path} is neither a Filterbank project nor an empty folder`);
  }
  return { project: createProject(path, { name: basename(path), ...settings }), created: true };
}
