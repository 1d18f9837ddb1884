// The open project's overview (input size, classes, counts), read once and again whenever its classes,
// settings, labels or splits change, for the Design and Train tabs.
import { useEffect, useState } from 'react';
import type { ProjectOverview } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import type { ProjectInput } from './spec-analysis.ts';

export function useProjectOverview(project: string): ProjectOverview | null {
  const api = useApi();
  const [overview, setOverview] = useState<ProjectOverview | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void api.projects.overview({ project }).then((o) => live && setOverview(o), () => undefined);
    load();
    const off = api.on('project.changed', (change) => {
      if (change.project === project && ['classes', 'settings', 'labels', 'splits', 'images'].includes(change.change)) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [api, project]);
  return overview;
}

export function projectInput(overview: ProjectOverview): ProjectInput {
  const { inputHeight, inputWidth, channels } = overview.settings;
  return { height: inputHeight, width: inputWidth, channels: channels === 1 ? 1 : 3 };
}

/** Labelled, readable photos in the train split: what one epoch goes through. */
export function trainImageCount(overview: ProjectOverview): number {
  return overview.counts.cells.filter((c) => c.classId !== null && c.split === 'train').reduce((sum, c) => sum + c.images - c.unreadable, 0);
}
