// Branded ids, so a photo's id can never be passed where a class's is expected.

declare const brand: unique symbol;
type Brand<T, Name extends string> = T & { readonly [brand]: Name };

export type ImageId = Brand<number, 'ImageId'>;
export type ClassId = Brand<number, 'ClassId'>;
export type JobId = Brand<number, 'JobId'>;
export type ImportItemId = Brand<number, 'ImportItemId'>;
export type RunId = Brand<number, 'RunId'>;
export type ModelId = Brand<number, 'ModelId'>;

// The casts live here, at the one place where a plain number (from a row or a validated request) becomes an id.
export const imageId = (n: number): ImageId => n as ImageId;
export const classId = (n: number): ClassId => n as ClassId;
export const jobId = (n: number): JobId => n as JobId;
export const importItemId = (n: number): ImportItemId => n as ImportItemId;
export const runId = (n: number): RunId => n as RunId;
export const modelId = (n: number): ModelId => n as ModelId;
