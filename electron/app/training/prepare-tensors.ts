// Fills the tensor cache for photos that lack a training tensor at the project's current input size (after the
// size or resize mode changed): each original is decoded again in the import workers, once, not once per epoch.
import type { ImportPool } from '../../../native-workers/import/import-pool.ts';
import { preprocessingOf } from '../import/importer.ts';
import type { OpenProject } from '../project/open-project.ts';
import { blobPath } from '../project/project-folder.ts';
import type { ImageId } from '../store/ids.ts';

export interface PrepareOutcome {
  prepared: number;
  failed: Array<{ imageId: ImageId; reason: string }>;
}

const FLUSH = 64;

/** Does nothing (and starts no worker) when every tensor is there; `pool` is only called when one is missing. */
export async function prepareTensors(
  project: OpenProject,
  pool: () => ImportPool,
  options: { signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<PrepareOutcome> {
  const { store, paths } = project;
  const preprocessing = preprocessingOf(store.settings.get());
  const outcome: PrepareOutcome = { prepared: 0, failed: [] };
  let done: ImageId[] = [];
  const flush = () => {
    if (done.length) store.images.setFilePresence(done, { hasTensor: true });
    outcome.prepared += done.length;
    done = [];
    options.onProgress?.(outcome.prepared + outcome.failed.length);
  };
  let after: ImageId | null = null;
  for (let page = store.images.withoutTensors(after); page.length > 0 && !options.signal?.aborted; page = store.images.withoutTensors(after)) {
    after = page[page.length - 1].id;
    const workers = pool();
    await Promise.all(
      page.map(async (image) => {
        await workers.waitForRoom();
        const result = await workers.importFile(blobPath(paths.root, image.sha256, image.format), preprocessing, paths.root, undefined, options.signal);
        if (result.ok) done.push(image.id);
        else outcome.failed.push({ imageId: image.id, reason: result.message });
        if (done.length >= FLUSH) flush();
      }),
    );
    flush();
  }
  return outcome;
}
