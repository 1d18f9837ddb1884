// The one error a model file can fail with: a code the app can act on and a message a person can read.

/**
 * What went wrong, roughly in the order the decoder checks:
 * - truncated: the file ends before its header says it should (an interrupted copy or download);
 * - bad-magic: not a Filterbank model file at all (or mangled by a text-mode transfer);
 * - future-version: written by a newer Filterbank;
 * - bad-header: the header or the bytes around the sections break the format's rules;
 * - checksum: the bytes changed after they were written (disk or transfer corruption);
 * - bad-metadata: the JSON part is unreadable, incomplete, inconsistent or not in canonical form;
 * - bad-spec: the network described inside cannot be built (the spec's own message is kept);
 * - bad-tensors: the weights do not match the network, or hold values that are not finite numbers;
 * - too-large: a section is larger than any model Filterbank can hold.
 */
export type ModelFileErrorCode =
  | 'truncated'
  | 'bad-magic'
  | 'future-version'
  | 'bad-header'
  | 'checksum'
  | 'bad-metadata'
  | 'bad-spec'
  | 'bad-tensors'
  | 'too-large';

export const MODEL_FILE_ERROR_CODES: readonly ModelFileErrorCode[] = [
  'truncated',
  'bad-magic',
  'future-version',
  'bad-header',
  'checksum',
  'bad-metadata',
  'bad-spec',
  'bad-tensors',
  'too-large',
];

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(
    readonly code: ModelFileErrorCode,
    message: string,
    /** `cause` keeps the underlying error, e.g. the SpecError whose fixes the editor can offer. */
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 45212 → "45,212": byte counts in messages are read by people. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
