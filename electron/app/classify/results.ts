// What classifying a folder found, one result per file, and the two ways it leaves the app: a CSV with fixed
// columns (file,predicted,confidence,uncertain,top_k,error) and a JSON document with the same content.
import { csvLine } from '../export/csv.ts';
import type { ClassScore } from '../../../native-workers/classify/classify-protocol.ts';

export type { ClassScore } from '../../../native-workers/classify/classify-protocol.ts';

export interface PhotoError {
  /** A DecodeFailureReason code ('not-an-image', 'truncated', …), or 'unreadable' for a path the scan could not walk. */
  readonly reason: string;
  readonly message: string;
  readonly detail?: string;
}

export interface PhotoResult {
  /** Relative to the classified folder, with '/' between folders whatever the system. */
  readonly file: string;
  /** Absolute path on this machine (not written to the CSV; the sort plan needs it). */
  readonly path: string;
  /**
   * The most probable class, or null when the photo is uncertain or unreadable: an uncertain photo is marked,
   * not forced into a class. Its best guess stays in `top`.
   */
  readonly predicted: string | null;
  /** Probability of the most probable class (null when unreadable). */
  readonly confidence: number | null;
  /** True when `confidence` is below the threshold (compared unrounded); null when unreadable. */
  readonly uncertain: boolean | null;
  /** The top-k classes, most probable first; empty when unreadable. */
  readonly top: readonly ClassScore[];
  readonly error: PhotoError | null;
}

export interface ClassificationSummary {
  readonly status: 'done' | 'cancelled';
  /** The model file and folder as given, resolved to absolute paths. */
  readonly model: string;
  readonly folder: string;
  readonly classNames: readonly string[];
  readonly topK: number;
  readonly uncertainBelow: number;
  /** Files found in the folder; `results` has all of them unless cancelled. */
  readonly total: number;
  readonly classified: number;
  readonly uncertain: number;
  readonly unreadable: number;
  readonly seconds: number;
  readonly photosPerSecond: number;
  /** In the folder's walk order (sorted by name per folder). */
  readonly results: readonly PhotoResult[];
}

export const CSV_COLUMNS = ['file', 'predicted', 'confidence', 'uncertain', 'top_k', 'error'] as const;

/** The results as RFC 4180 CSV (CRLF line ends, a header row, one row per file). */
export function resultsCsv(results: readonly PhotoResult[]): string {
  let text = csvLine(CSV_COLUMNS);
  for (const r of results) {
    text += csvLine([
      r.file,
      r.predicted,
      r.confidence === null ? null : r.confidence.toFixed(3),
      r.uncertain === null ? null : String(r.uncertain),
      r.top.map((t) => `${escapeLabel(t.label)}:${t.probability.toFixed(3)}`).join(';'),
      r.error === null ? null : r.error.message,
    ]);
  }
  return text;
}

/**
 * A label inside top_k with its separators percent-encoded, so the pairs split unambiguously on ';' and ':'
 * whatever the class is called ("a:b" → "a%3Ab"); ordinary names are unchanged.
 */
export function escapeLabel(label: string): string {
  return label.replace(/[%;:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The top_k field back into pairs (for tests and for tools reading our CSV). */
export function parseTopK(field: string): ClassScore[] {
  if (field === '') return [];
  return field.split(';').map((pair) => {
    const colon = pair.indexOf(':');
    if (colon < 0) throw new Error(`top_k pair "${pair}" has no ':'`);
    return { label: decodeURIComponent(pair.slice(0, colon)), probability: Number(pair.slice(colon + 1)) };
  });
}

/** The whole summary as JSON (pretty-printed; absolute paths included, unlike the CSV). */
export function resultsJson(summary: ClassificationSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
