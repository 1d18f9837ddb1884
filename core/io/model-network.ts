// Between a trained network and its model file: what to save, and a network rebuilt from what was loaded.
import { Network, type NetworkOptions } from '../nn/network.ts';
import type { ModelFile } from './model-file.ts';
import type { Preprocessing } from './preprocessing.ts';

export function modelFileFromNetwork(
  network: Network,
  details: { classNames: string[]; preprocessing: Preprocessing; training?: Record<string, unknown> },
): ModelFile {
  return {
    spec: network.spec,
    classNames: details.classNames,
    preprocessing: details.preprocessing,
    training: details.training ?? {},
    tensors: network.getTensors(),
  };
}

/** A network holding the file's weights (float32 unless options say otherwise). */
export function networkFromModelFile(model: ModelFile, options: Omit<NetworkOptions, 'seed'> = {}): Network {
  const network = new Network(model.spec, options);
  network.setTensors(model.tensors);
  return network;
}
