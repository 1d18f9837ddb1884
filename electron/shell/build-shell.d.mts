// Types of build-shell.mjs, for the test that builds the bundles.

/** Packages left outside the bundles. */
export declare const EXTERNAL: readonly string[];
/** Absolute paths of every worker entry the main process can start. */
export declare function workerEntries(): string[];
/** Builds main.mjs, preload.cjs and the workers into `outdir` (default dist/electron); returns the files written. */
export declare function buildShell(outdir?: string): Promise<string[]>;
