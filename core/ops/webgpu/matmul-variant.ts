// What a matmul variant supplies (its loaders, epilogue and bindings); shared by the tiled matmul and the
// split-K sum that finishes it.
import type { StorageBinding, UniformField } from './program.ts';

/** The three sizes every matmul program reads first: C is M×N, the inner sum runs over K. */
export const MATMUL_UNIFORMS: UniformField[] = [{ name: 'M', type: 'u32' }, { name: 'N', type: 'u32' }, { name: 'K', type: 'u32' }];

export interface MatmulVariant {
  /** Names the loaders and epilogue; with the tile size it is the shader key. */
  name: string;
  storage: readonly StorageBinding[];
  /** Uniforms after the three every matmul has (M, N, K). */
  uniforms: readonly UniformField[];
  /** WGSL functions the loaders call. */
  helpers?: string;
  /** Body of `fn loadA(m: u32, k: u32) -> f32`, called only with m < u.M and k < u.K. */
  loadA: string;
  /** Body of `fn loadB(k: u32, n: u32) -> f32`, called only with k < u.K and n < u.N. */
  loadB: string;
  /** Body of `fn store(m: u32, n: u32, v: f32)`. */
  store: string;
}
