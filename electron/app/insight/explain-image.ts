// What a run's network sees of one project photo: the photo decoded and preprocessed exactly as classification
// does, then every layer's output (core's layerActivations) and the first conv layer's filters.
import { networkFromModelFile } from '../../../core/io/model-network.ts';
import { standardizeInPlace } from '../../../core/io/preprocess-image.ts';
import { firstConvFilters, layerActivations } from '../../../core/nn/explain.ts';
import { decodeForClassification } from '../../../native-workers/import/decode-image.ts';
import { ApiError } from '../../contract/api-error.ts';
import type { ImageExplanation } from '../../contract/insight-responses.ts';
import { blobPath } from '../project/project-folder.ts';
import type { OpenProject } from '../project/open-project.ts';
import { imageId as toImageId } from '../store/ids.ts';
import { loadRunModel } from './run-model.ts';

/** Channels of each layer sent to the page: more than it draws (8 maps, 3 for pooling), far less than a wide layer has. */
export const MAX_CHANNELS_SENT = 16;

/** The first `keep` of C channels of an HWC tensor (the tensor itself when it keeps them all). */
export function firstChannels(data: Float32Array, C: number, keep: number): Float32Array {
  if (keep === C) return data;
  const pixels = data.length / C;
  const out = new Float32Array(pixels * keep);
  for (let i = 0; i < pixels; i++) out.set(data.subarray(i * C, i * C + keep), i * keep);
  return out;
}

export async function explainImage(project: OpenProject, runId: number, imageId: number): Promise<ImageExplanation> {
  const { model } = await loadRunModel(project, runId);
  const image = project.store.images.get(toImageId(imageId));
  if (!image.hasBlob) throw new ApiError('not-found', 'imageId', `image ${imageId} has no stored file`);
  const decoded = await decodeForClassification(blobPath(project.paths.root, image.sha256, image.format), model.preprocessing);
  if (!decoded.ok) throw new ApiError('conflict', 'imageId', `image ${imageId} cannot be read: ${decoded.message}`);
  const { tensor } = decoded;
  const p = model.preprocessing;
  const input = Float32Array.from(tensor.data, (v) => v / 255);
  standardizeInPlace(input, 0, p);
  const network = networkFromModelFile(model);
  const activations = layerActivations(network, input);
  const filters = firstConvFilters(network);
  const last = activations[activations.length - 1];
  return {
    classNames: model.classNames,
    input: { shape: [p.height, p.width, p.channels], pixels: tensor.data },
    filters: filters && { shape: filters.shape, data: filters.data, layerIndex: filters.layer.index },
    layers: activations.map((a) => {
      const sent = Math.min(a.shape[2], MAX_CHANNELS_SENT);
      return { index: a.info.index, type: a.info.spec.type, shape: a.shape, channelsSent: sent, data: firstChannels(a.data, a.shape[2], sent) };
    }),
    probabilities: last.data,
  };
}
