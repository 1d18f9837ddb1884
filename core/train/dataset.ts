// Training data as the engine sees it: images already at the input size, 8-bit HWC, with class indices.
// This is the project's cached tensor format, so a worker can read it straight from disk.

export interface ImageDataset {
  count: number;
  height: number;
  width: number;
  channels: number;
  /** count × height × width × channels bytes. */
  pixels: Uint8Array;
  /** One class index per image. */
  labels: Int32Array;
}

export function checkDataset(ds: ImageDataset, name: string, shape: readonly number[], classes: number): void {
  const [H, W, C] = shape;
  if (ds.height !== H || ds.width !== W || ds.channels !== C) {
    throw new Error(`${name} images are ${ds.height}×${ds.width}×${ds.channels}, the model takes ${H}×${W}×${C}`);
  }
  if (ds.pixels.length !== ds.count * H * W * C) throw new Error(`${name} holds ${ds.pixels.length} bytes for ${ds.count} images`);
  if (ds.labels.length !== ds.count) throw new Error(`${name} has ${ds.labels.length} labels for ${ds.count} images`);
  for (let i = 0; i < ds.count; i++) {
    const label = ds.labels[i];
    if (!(label >= 0 && label < classes)) throw new Error(`${name} image ${i} has class ${label}; the model has ${classes} classes`);
  }
}

/** A copy of some images of a dataset, e.g. one split of it. */
export function subset(ds: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = ds.height * ds.width * ds.channels;
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    pixels.set(ds.pixels.subarray(j * size, (j + 1) * size), i * size);
    labels[i] = ds.labels[j];
  }
  return { count: indices.length, height: ds.height, width: ds.width, channels: ds.channels, pixels, labels };
}
