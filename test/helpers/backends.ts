// The kernel sets every op test runs on ("one test, every backend"). Faster kernels join this list.
import { referenceKernels, withKernels, type CpuKernels } from '../../core/ops/cpu/kernels.ts';
import { loadNativeKernels } from '../../native-workers/cpu-kernels/native-kernels.ts';

export interface BackendUnderTest {
  name: string;
  kernels: CpuKernels;
}

// The native kernels on two threads, where they are built (native-workers/cpu-kernels proves they are in CI).
const native = loadNativeKernels({ threads: 2 });
if (!native.ok) console.warn(`native CPU kernels not tested here: ${native.reason}`);

export const BACKENDS: BackendUnderTest[] = [
  { name: 'cpu-reference', kernels: referenceKernels },
  ...(native.ok ? [{ name: `cpu-native-${native.isa}`, kernels: withKernels(native.overrides) }] : []),
];
