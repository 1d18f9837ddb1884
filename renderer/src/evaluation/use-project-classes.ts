// The project's classes in their order (their position gives their number key), kept current.
import { useEffect, useState } from 'react';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';

export function useProjectClasses(project: string): readonly ClassLabel[] {
  const api = useApi();
  const [classes, setClasses] = useState<readonly ClassLabel[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => api.projects.overview({ project }).then((o) => live && setClasses(o.classes), () => undefined);
    void load();
    const off = api.on('project.changed', (change) => {
      if (change.project === project && change.change === 'classes') void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [api, project]);
  return classes;
}
