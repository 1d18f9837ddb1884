// Turns whatever a handler threw into the contract's ApiError: the code says what kind of failure, the
// message is the service's own sentence; stack traces stay in the main process's log.
import { z } from 'zod';
import { ModelFileError } from '../../../core/io/model-file-errors.ts';
import { OnnxFileError } from '../../../core/io/onnx/read-onnx.ts';
import { SpecError } from '../../../core/spec/spec-error.ts';
import { ApiError, type ApiErrorCode } from '../../contract/api-error.ts';
import { ExportError } from '../export/imagefolder-export.ts';
import { StoreError, type StoreErrorCode } from '../store/store-error.ts';
import { TrainingRequestError } from '../training/run-request.ts';

const STORE_CODES: Record<StoreErrorCode, ApiErrorCode> = {
  invalid: 'invalid-request',
  'not-found': 'not-found',
  conflict: 'conflict',
  'not-a-project': 'not-found',
  'folder-not-empty': 'conflict',
  'newer-version': 'unsupported',
  'stale-undo': 'conflict',
};

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreError) return new ApiError(STORE_CODES[error.code], error.field, error.message);
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return new ApiError('invalid-request', issue?.path.join('.') ?? '', issue?.message ?? 'invalid request');
  }
  // The engine's message names the layer at fault; its suggested fixes are for the architecture editor.
  if (error instanceof SpecError) return new ApiError('invalid-request', 'request.spec', error.message);
  if (error instanceof TrainingRequestError) return new ApiError('conflict', 'request', error.message);
  if (error instanceof ExportError) return new ApiError(error.code === 'invalid' ? 'invalid-request' : 'conflict', 'folder', error.message);
  if (error instanceof ModelFileError || error instanceof OnnxFileError) return new ApiError('invalid-request', 'model', error.message);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new ApiError('not-found', '', (error as Error).message);
  if (code === 'EACCES' || code === 'EPERM') return new ApiError('forbidden', '', (error as Error).message);
  return new ApiError('internal', '', `something went wrong inside Filterbank: ${error instanceof Error ? error.message : String(error)}`);
}
