// Importing from the workbench: drops anywhere on the window (or on a class) and the import button, on the
// desktop by path and in a browser by upload; tracks the phase for the progress panel.
import { useCallback, useState, type DragEvent } from 'react';
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';
import { desktopBridge } from '../app/desktop-bridge.ts';
import { droppedEntries, pickedFiles, readEntries, type PickedFile } from '../import/dropped-files.ts';
import type { ImportPhase } from '../import/import-progress.tsx';
import { importFiles, importPaths } from '../import/start-import.ts';
import type { WorkbenchModel } from './workbench-model.ts';

export function useImport(api: FilterbankApi, model: WorkbenchModel) {
  const [phase, setPhase] = useState<ImportPhase | null>(null);
  const project = model.project;

  const upload = useCallback(
    async (files: readonly PickedFile[], classId?: number) => {
      if (files.length === 0) return;
      setPhase({ kind: 'uploading', sent: 0, total: files.length });
      const jobId = await model.run(() => importFiles(api, { project, classId }, files, (sent, total) => setPhase({ kind: 'uploading', sent, total })));
      setPhase(jobId === undefined ? null : { kind: 'importing', jobId });
    },
    [api, model, project],
  );

  const fromPaths = useCallback(
    async (paths: readonly string[], classId?: number) => {
      if (paths.length === 0) return;
      const jobId = await model.run(() => importPaths(api, { project, classId }, paths));
      if (jobId !== undefined) setPhase({ kind: 'importing', jobId });
    },
    [api, model, project],
  );

  /** A drop anywhere, or on a class chip (then everything is labeled as that class). */
  const onDrop = useCallback(
    (event: DragEvent, classId?: number) => {
      event.preventDefault();
      const bridge = desktopBridge();
      if (bridge) {
        void fromPaths(bridge.pathsForFiles(Array.from(event.dataTransfer.files)), classId);
        return;
      }
      // The entries must be taken now: the drop's data is gone once this handler returns. A browser without
      // the entries API (or a drop made by a script) gives plain files, which are uploaded as they are.
      const entries = droppedEntries(event.dataTransfer);
      const loose = entries.length === 0 ? pickedFiles(event.dataTransfer.files) : [];
      void (entries.length > 0 ? readEntries(entries) : Promise.resolve(loose)).then((files) => upload(files, classId));
    },
    [fromPaths, upload],
  );

  /** The import button: the native folder picker on the desktop, the browser's directory picker otherwise. */
  const pick = useCallback(
    async (input: HTMLInputElement | null) => {
      if (desktopBridge()) {
        const picked = await model.run(() => api.dialogs.pickFolder({ title: 'Import photos from' }));
        if (picked?.path) await fromPaths([picked.path]);
        return;
      }
      input?.click();
    },
    [api, model, fromPaths],
  );

  const onPicked = useCallback((files: FileList | null) => files && void upload(pickedFiles(files)), [upload]);

  return { phase, closeProgress: () => setPhase(null), onDrop, pick, onPicked };
}
