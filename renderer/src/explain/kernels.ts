// The filter playground's classic 3×3 kernels and the convolution that applies them to one image plane, the
// same operation a conv layer's filter performs (cross-correlation, zero padding, stride 1, same-size output).

export interface PlaygroundKernel {
  readonly id: string;
  readonly name: string;
  /** What it does, in a sentence for the page. */
  readonly effect: string;
  /** Row-major 3×3 weights. */
  readonly weights: readonly number[];
  /** 'image': the result is a picture again (shown clamped to 0–1); 'signed': a response with both signs. */
  readonly shows: 'image' | 'signed';
}

export const PLAYGROUND_KERNELS: readonly PlaygroundKernel[] = [
  { id: 'identity', name: 'Identity', effect: 'Leaves the image as it is: the centre weight is 1, the rest 0.', weights: [0, 0, 0, 0, 1, 0, 0, 0, 0], shows: 'image' },
  { id: 'edges', name: 'Edges', effect: 'Responds where a pixel differs from its neighbours; flat areas become 0.', weights: [-1, -1, -1, -1, 8, -1, -1, -1, -1], shows: 'signed' },
  { id: 'vertical', name: 'Vertical edges', effect: 'Sobel: positive where the image gets brighter to the right.', weights: [-1, 0, 1, -2, 0, 2, -1, 0, 1], shows: 'signed' },
  { id: 'horizontal', name: 'Horizontal edges', effect: 'Sobel: positive where the image gets brighter downwards.', weights: [-1, -2, -1, 0, 0, 0, 1, 2, 1], shows: 'signed' },
  { id: 'sharpen', name: 'Sharpen', effect: 'Adds the edges back to the image, so details stand out.', weights: [0, -1, 0, -1, 5, -1, 0, -1, 0], shows: 'image' },
  { id: 'box-blur', name: 'Box blur', effect: 'Averages each pixel with its 8 neighbours.', weights: new Array<number>(9).fill(1 / 9), shows: 'image' },
  { id: 'gaussian-blur', name: 'Gaussian blur', effect: 'A softer average: near neighbours count more.', weights: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((w) => w / 16), shows: 'image' },
];

/** plane is H×W row-major; the result has the same size, with zeros outside the image. */
export function convolve3x3(plane: ArrayLike<number>, H: number, W: number, weights: readonly number[]): Float32Array {
  if (plane.length !== H * W) throw new RangeError(`the plane has ${plane.length} values, expected ${H}×${W}`);
  if (weights.length !== 9) throw new RangeError(`a 3×3 kernel has 9 weights, got ${weights.length}`);
  const out = new Float32Array(H * W);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let ky = 0; ky < 3; ky++) {
        const sy = y + ky - 1;
        if (sy < 0 || sy >= H) continue;
        for (let kx = 0; kx < 3; kx++) {
          const sx = x + kx - 1;
          if (sx >= 0 && sx < W) sum += weights[ky * 3 + kx] * plane[sy * W + sx];
        }
      }
      out[y * W + x] = sum;
    }
  }
  return out;
}
