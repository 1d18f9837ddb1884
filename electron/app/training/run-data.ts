// A run's datasets from its own snapshot (not the project's current labels) and the input size it started with,
// read from the tensor cache; resuming a run therefore reads exactly the photos, order and classes it began with.
import { readFile } from 'node:fs/promises';
import type { Preprocessing } from '../../../core/io/preprocessing.ts';
import type { ImageDataset } from '../../../core/train/dataset.ts';
import { tensorPath } from '../project/project-folder.ts';
import type { RunImage } from '../store/run-snapshots.ts';
import type { Split } from '../store/types.ts';

export interface RunSplit {
  dataset: ImageDataset;
  /** The photo behind each dataset index, for evaluation reports the UI can click through. */
  images: RunImage[];
}

export async function loadRunSplit(root: string, images: readonly RunImage[], split: Split, p: Preprocessing): Promise<RunSplit> {
  const cacheKey = { inputHeight: p.height, inputWidth: p.width, channels: p.channels, resizeMode: p.resize, jpegDraft: p.jpegDraft };
  const size = p.height * p.width * p.channels;
  const chosen = images.filter((image) => image.split === split);
  const pixels = new Uint8Array(chosen.length * size);
  const labels = new Int32Array(chosen.length);
  // A few reads in flight at a time: enough to overlap the disk, never thousands of open files.
  const READS = 32;
  for (let from = 0; from < chosen.length; from += READS) {
    await Promise.all(
      chosen.slice(from, from + READS).map(async (image, k) => {
        const i = from + k;
        const path = tensorPath(root, image.sha256, cacheKey);
        let bytes: Buffer;
        try {
          bytes = await readFile(path);
        } catch (error) {
          throw new Error(`the training tensor of photo ${image.imageId} is missing (${path}): ${(error as Error).message}`);
        }
        if (bytes.length !== size) throw new Error(`the training tensor of photo ${image.imageId} has ${bytes.length} bytes, expected ${size} (${path})`);
        pixels.set(bytes, i * size);
        labels[i] = image.classIndex;
      }),
    );
  }
  return { dataset: { count: chosen.length, height: p.height, width: p.width, channels: p.channels, pixels, labels }, images: chosen };
}
