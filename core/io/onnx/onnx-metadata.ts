// What an exported ONNX file says about itself in metadata_props: class names, the input contract
// (our preprocessing, laid out NCHW) and the export format, so any runtime can feed it what the app fed it.
import type { ModelFile } from '../model-file.ts';

export const ONNX_EXPORT_FORMAT = 'filterbank-onnx';
export const ONNX_EXPORT_VERSION = 1;

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
 */
export interface OnnxInputContract {
  width: number;
  height: number;
  channels: 1 | 3;
  resize: 'stretch' | 'crop' | 'letterbox';
  fill: number;
  mean: number[];
  std: number[];
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
    { key: METADATA_KEYS.formatVersion, value: String(ONNX_EXPORT_VERSION) },
    { key: METADATA_KEYS.classNames, value: JSON.stringify(model.classNames) },
    { key: METADATA_KEYS.preprocessing, value: JSON.stringify(inputContract(model)) },
    { key: METADATA_KEYS.spec, value: JSON.stringify(model.spec) },
    { key: METADATA_KEYS.training, value: JSON.stringify(model.training) },
  ];
}
