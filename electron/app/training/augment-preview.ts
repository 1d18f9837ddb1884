// Augmented samples of the project's own training photos, as the network would see them: the cached input
// tensors, each put through core's augmentation a few times with a seeded Rng (so a preview is repeatable).
import { readFile } from 'node:fs/promises';
import { augmentSample, type Augmentation } from '../../../core/train/augment.ts';
import { Rng } from '../../../core/util/rng.ts';
import type { AugmentPreview } from '../../contract/design-and-training-responses.ts';
import type { OpenProject } from '../project/open-project.ts';
import { tensorPath } from '../project/project-folder.ts';

export interface AugmentPreviewRequest {
  readonly augmentation: Augmentation;
  readonly samples: number;
  readonly variants: number;
  readonly seed: number;
}

export async function augmentPreview(project: OpenProject, request: AugmentPreviewRequest): Promise<AugmentPreview> {
  const settings = project.store.settings.get();
  const { inputHeight: H, inputWidth: W, channels: C } = settings;
  const n = H * W * C;
  const train = project.store.images.trainingSet().filter((s) => s.split === 'train');
  // Spread over the list rather than the first few, which are often one class imported together.
  const count = Math.min(request.samples, train.length);
  const chosen = Array.from({ length: count }, (_, i) => train[Math.floor((i * train.length) / count)]);
  const rng = new Rng(request.seed);
  const sample = new Float32Array(n);
  const scratch = new Float32Array(n);
  const samples = [];
  for (const image of chosen) {
    let bytes: Buffer;
    try {
      bytes = await readFile(tensorPath(project.paths.root, image.sha256, settings));
    } catch {
      continue; // not prepared yet at this input size; the preview shows the others
    }
    if (bytes.length !== n) continue;
    const augmented: ArrayBuffer[] = [];
    for (let v = 0; v < request.variants; v++) {
      for (let i = 0; i < n; i++) sample[i] = bytes[i] / 255;
      augmentSample(sample, 0, H, W, C, request.augmentation, rng, scratch);
      augmented.push(Uint8Array.from(sample, (x) => Math.round(x * 255)).buffer);
    }
    samples.push({ imageId: image.id as number, original: new Uint8Array(bytes).buffer, augmented });
  }
  return { height: H, width: W, channels: C, samples };
}
