// The architecture editor's time-per-epoch estimate: a few real training steps of the network, timed in a
// worker thread, times the project's training photos. The editor asks again after every edit; a newer
// request for a project ends the older one's worker rather than letting measurements pile up on the CPU.
import { analyzeSpec, parseSpec } from '../../../core/spec/analyze.ts';
import { BenchmarkCancelled, benchmarkSpec } from '../../../native-workers/bench/spec-bench.ts';
import type { EpochEstimate } from '../../contract/design-and-training-responses.ts';
import type { OpenProject } from '../project/open-project.ts';
import { cpuDescription } from './training-devices.ts';

/** Enough timed steps to average out a cold cache, few enough that the answer comes within a second or two. */
const MEASURE = { maxSteps: 5, budgetMs: 1000, timeoutMs: 30_000 } as const;
/** A bigger batch takes longer to time but hardly less per image; a small one keeps the measurement quick. */
const MAX_MEASURED_BATCH = 8;

export { BenchmarkCancelled };

export class EpochEstimates {
  private readonly running = new Map<string, AbortController>();

  /** Throws SpecError for a network that cannot be built, BenchmarkCancelled when a newer request replaced this one. */
  async estimate(key: string, project: OpenProject, spec: unknown, batchSize: number): Promise<EpochEstimate> {
    // Checked here, so a broken layer is named with the engine's message rather than failing in the worker.
    analyzeSpec(spec);
    const trainImages = project.store.images.trainingSet().filter((s) => s.split === 'train').length;
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    try {
      const measure = await benchmarkSpec(parseSpec(spec), { batch: Math.min(batchSize, MAX_MEASURED_BATCH), signal: controller.signal, ...MEASURE });
      return {
        backend: 'cpu',
        // Which kernels (native or reference, how many threads) explains the speed.
        device: `${cpuDescription()}, ${measure.kernels}`,
        trainImages,
        batchSize,
        measuredSteps: measure.steps,
        imagesPerSecond: measure.imagesPerSecond,
        secondsPerEpoch: trainImages / measure.imagesPerSecond,
      };
    } finally {
      if (this.running.get(key) === controller) this.running.delete(key);
    }
  }
}
