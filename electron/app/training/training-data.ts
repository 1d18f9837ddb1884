// The labelled photos of a project as the engine's datasets: one per split, read from the tensor cache the
// import filled (each photo decoded once per project, never once per epoch).
import type { ImageDataset } from '../../../core/train/dataset.ts';
import { preprocessingOf } from '../import/importer.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { ClassId } from '../store/ids.ts';
import type { TrainingSample } from '../store/images.ts';
import type { Split } from '../store/types.ts';
import { loadRunSplit } from './run-data.ts';

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
  const index = new Map(snapshot.classIds.map((id, i) => [id, i]));
  const images = snapshot.samples.map((s) => {
    const classIndex = index.get(s.classId);
    if (classIndex === undefined) throw new Error(`photo ${s.id} has a class that is not in the snapshot`);
    return { imageId: s.id, sha256: s.sha256, classIndex, split: s.split };
  });
  const preprocessing = preprocessingOf(project.store.settings.get());
  return (await loadRunSplit(project.paths.root, images, split, preprocessing)).dataset;
}
