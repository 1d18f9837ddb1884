// Max and average pooling of one plane, for the side-by-side comparison: non-overlapping size×size windows
// (stride = size), a partial window at the edge dropped, as the engine's pool layers do by default.

export type PoolKind = 'max' | 'average';

export interface PooledPlane {
  readonly height: number;
  readonly width: number;
  readonly data: Float32Array;
}

export function pool2d(plane: ArrayLike<number>, H: number, W: number, size: number, kind: PoolKind): PooledPlane {
  if (plane.length !== H * W) throw new RangeError(`the plane has ${plane.length} values, expected ${H}×${W}`);
  const height = Math.floor(H / size);
  const width = Math.floor(W / size);
  const data = new Float32Array(height * width);
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      let max = -Infinity;
      let sum = 0;
      for (let dy = 0; dy < size; dy++) {
        for (let dx = 0; dx < size; dx++) {
          const v = plane[(oy * size + dy) * W + ox * size + dx];
          if (v > max) max = v;
          sum += v;
        }
      }
      data[oy * width + ox] = kind === 'max' ? max : sum / (size * size);
    }
  }
  return { height, width, data };
}
