// What an exported ONNX file says about itself in metadata_props: class names, the input contract
// (our preprocessing, laid out NCHW) and the export format, so any runtime can feed it what the app fed it.
import type { ModelFile } from '../model-file.ts';

export const ONNX_EXPORT_FORMAT = 'filterbank-onnx';
/**
 * The newest format this build reads and writes. 2: the input contract may say jpegDraft, which an older reader
 * would ignore and so feed the model other pixels; it refuses a version 2 file instead. Files without jpegDraft
 * are still written as 1.
 */
export const ONNX_EXPORT_VERSION = 2;

export const METADATA_KEYS = {
  format: 'filterbank.format',
  formatVersion: 'filterbank.format_version',
  classNames: 'filterbank.class_names',
  preprocessing: 'filterbank.preprocessing',
  spec: 'filterbank.spec',
  training: 'filterbank.training',
} as const;

/**
 * The input contract: decode the photo as RGB (or BT.601 luma when channels is 1), resize it to width×height
 * by `resize`, scale each value to (pixel / 255 − mean[c]) / std[c], and lay it out float32 [N, C, H, W].
 * With `jpegDraft: true` a JPEG is first decoded at reduced size as Pillow's Image.draft does, asked for
 * width×height (height×width when its EXIF orientation is 5–8): see the README's Python example. The key is
 * absent when off, so exports made before it existed read back unchanged.
 */
export interface OnnxInputContract {
  width: number;
  height: number;
  channels: 1 | 3;
  resize: 'stretch' | 'crop' | 'letterbox';
  fill: number;
  mean: number[];
  std: number[];
  jpegDraft?: true;
  channelOrder: 'RGB' | 'L';
  layout: 'NCHW';
  dtype: 'float32';
  scale: 'pixel / 255';
  input: 'input';
  output: 'probabilities';
}

export function inputContract(model: ModelFile): OnnxInputContract {
  const p = model.preprocessing;
  return {
    width: p.width,
    height: p.height,
    channels: p.channels,
    resize: p.resize,
    fill: p.fill,
    mean: [...p.mean],
    std: [...p.std],
    ...(p.jpegDraft ? { jpegDraft: true as const } : {}),
    channelOrder: p.channels === 3 ? 'RGB' : 'L',
    layout: 'NCHW',
    dtype: 'float32',
    scale: 'pixel / 255',
    input: 'input',
    output: 'probabilities',
  };
}

export function metadataProps(model: ModelFile): { key: string; value: string }[] {
  return [
    { key: METADATA_KEYS.format, value: ONNX_EXPORT_FORMAT },
    { key: METADATA_KEYS.formatVersion, value: String(model.preprocessing.jpegDraft ? ONNX_EXPORT_VERSION : 1) },
    { key: METADATA_KEYS.classNames, value: JSON.stringify(model.classNames) },
    { key: METADATA_KEYS.preprocessing, value: JSON.stringify(inputContract(model)) },
    { key: METADATA_KEYS.spec, value: JSON.stringify(model.spec) },
    { key: METADATA_KEYS.training, value: JSON.stringify(model.training) },
  ];
}
