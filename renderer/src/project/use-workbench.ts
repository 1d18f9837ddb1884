// React's view of the workbench model and its caches.
import { useSyncExternalStore } from 'react';
import type { WorkbenchModel, WorkbenchState } from './workbench-model.ts';

export function useWorkbench(model: WorkbenchModel): WorkbenchState {
  return useSyncExternalStore(model.subscribe, model.snapshot);
}

/** Re-renders when any record or thumbnail arrives; the component then reads the caches directly. Returns the records' version. */
export function useGridCaches(model: WorkbenchModel): number {
  const records = useSyncExternalStore(model.records.subscribe, model.records.snapshot);
  useSyncExternalStore(model.thumbnails.subscribe, model.thumbnails.snapshot);
  return records;
}
