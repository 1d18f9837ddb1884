// Types of check-electronegativity.mjs, for the test that runs the check.
import type { Finding, ScanReport } from './electronegativity.mjs';

export interface AcceptedFinding {
  readonly id: string;
  readonly file: string;
  readonly reason: string;
}

export interface Verdict {
  readonly failures: Finding[];
  readonly accepted: Finding[];
  readonly stale: AcceptedFinding[];
  readonly errors: ScanReport['errors'];
  readonly others: Finding[];
}

export declare const ACCEPTED_FILE: string;
export declare function readAccepted(path?: string): AcceptedFinding[];
export declare function judge(report: Pick<ScanReport, 'findings' | 'errors'>, accepted: readonly AcceptedFinding[]): Verdict;
export declare function summary(verdict: Verdict): string;
export declare function passed(verdict: Verdict): boolean;
