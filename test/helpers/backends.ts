// The kernel sets every op test runs on ("one test, every backend"). Faster kernels join this list.
import { referenceKernels, type CpuKernels } from '../../core/ops/cpu/kernels.ts';

export interface BackendUnderTest {
  name: string;
  kernels: CpuKernels;
}

export const BACKENDS: BackendUnderTest[] = [{ name: 'cpu-reference', kernels: referenceKernels }];
