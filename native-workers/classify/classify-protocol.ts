// The messages between the classification pool and its workers: a few photo paths in, one outcome per photo out.
import type { DecodeFailureReason } from '../import/decode-failure.ts';

/** Given once to every worker: the model file's bytes (each worker decodes its own network from them). */
export interface ClassifyWorkerData {
  readonly modelBytes: Uint8Array;
  /**
   * Decode JPEG drafts on the worker's own thread instead of libuv's pool. libuv's few threads are shared by
   * every worker of the process, so once the pool has as many workers as libuv has threads, decoding on them
   * would cap the pool at libuv's size; with fewer workers, libuv's threads are the spare cores.
   */
  readonly decodeOnWorkerThread?: boolean;
}

export interface ClassifyRequest {
  /** Absolute paths, classified in one forward pass. */
  readonly paths: readonly string[];
  /** How many classes to return per photo, most probable first (clamped to the model's class count). */
  readonly topK: number;
}

export interface ClassScore {
  readonly label: string;
  readonly probability: number;
}

export interface Classified {
  readonly ok: true;
  /** topK classes, most probable first. */
  readonly top: readonly ClassScore[];
}

export interface NotClassified {
  readonly ok: false;
  readonly reason: DecodeFailureReason;
  /** One sentence for the user. */
  readonly message: string;
  readonly detail?: string;
}

export type ClassifyOutcome = Classified | NotClassified;

/** One outcome per requested path, in request order. */
export type ClassifyResponse = readonly ClassifyOutcome[];
