// Types of build-shell.mjs, for the test that builds the bundles.

/** Packages left outside the bundles. */
export declare const EXTERNAL: readonly string[];
/** Absolute paths of every worker entry the main process can start. */
export declare function workerEntries(): string[];
/** Builds main.mjs, preload.cjs, the workers (and the native kernels, when built) into `outdir` (default dist/electron); returns the files written. */
export declare function buildShell(outdir?: string): Promise<string[]>;
/** Where the native kernels' addon lies in the bundle folder, as the bundled workers load it. */
export declare const NATIVE_KERNELS_ADDON: string;
/** Where the JPEG draft decoder's addon lies in the bundle folder. */
export declare const JPEG_DRAFT_ADDON: string;
