// Types of electronegativity.mjs, for the test that runs the scan.

export interface Finding {
  readonly id: string;
  readonly severity: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
  readonly confidence: string;
  /** Relative to the scanned folder. */
  readonly file: string;
  readonly line: number;
  readonly manualReview: boolean;
  readonly sample: string;
  readonly description: string;
}

export interface ScanReport {
  readonly electronVersion: string;
  readonly input: string;
  readonly findings: Finding[];
  readonly errors: { readonly file: string; readonly message: string }[];
}

export declare const DEFAULT_INPUT: string;
export declare const DEFAULT_OUTPUT: string;
export declare const EXCLUDED_CHECKS: readonly string[];
export declare function electronVersion(): string;
export declare function scan(input?: string): Promise<ScanReport>;
