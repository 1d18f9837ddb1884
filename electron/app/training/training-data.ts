// The labelled photos of a project as the engine's datasets: one per split, read from the tensor cache the
// import filled (each photo decoded once per project, never once per epoch).
import { readFile } from 'node:fs/promises';
import type { ImageDataset } from '../../../core/train/dataset.ts';
import { tensorPath } from '../project/project-folder.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { ClassId } from '../store/ids.ts';
import type { TrainingSample } from '../store/images.ts';
import type { ProjectSettings, Split } from '../store/types.ts';

/** What a run trains on, fixed when it starts: the classes in their order and every labelled photo. */
export interface TrainingSnapshot {
  classIds: ClassId[];
  classNames: string[];
  samples: TrainingSample[];
}

export function snapshotTrainingSet(project: OpenProject): TrainingSnapshot {
  const classes = project.store.classes.list();
  return { classIds: classes.map((c) => c.id), classNames: classes.map((c) => c.name), samples: project.store.images.trainingSet() };
}

/** The snapshot's photos of one split, as 8-bit tensors at the project's input size. */
export async function loadSplit(project: OpenProject, snapshot: TrainingSnapshot, split: Split): Promise<ImageDataset> {
  const settings: ProjectSettings = project.store.settings.get();
  const { inputHeight: H, inputWidth: W, channels: C } = settings;
  const size = H * W * C;
  const index = new Map(snapshot.classIds.map((id, i) => [id, i]));
  const samples = snapshot.samples.filter((s) => s.split === split);
  const pixels = new Uint8Array(samples.length * size);
  const labels = new Int32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i];
    const path = tensorPath(project.paths.root, sample.sha256, settings);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new Error(`the training tensor of photo ${sample.id} is missing (${path}): ${(error as Error).message}`);
    }
    if (bytes.length !== size) throw new Error(`the training tensor of photo ${sample.id} has ${bytes.length} bytes, expected ${size} (${path})`);
    pixels.set(bytes, i * size);
    const label = index.get(sample.classId);
    if (label === undefined) throw new Error(`photo ${sample.id} has a class that is not in the snapshot`);
    labels[i] = label;
  }
  return { count: samples.length, height: H, width: W, channels: C, pixels, labels };
}
