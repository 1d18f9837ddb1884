// Starts an import from whatever the user gave: paths (desktop drop or folder picker) go straight to the
// main process; files a browser page holds are uploaded in batches first. Resolves with the import's job id.
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from '../../../electron/contract/request-schemas.ts';
import { uploadBatches, type PickedFile } from './dropped-files.ts';

export interface ImportTarget {
  readonly project: string;
  /** A drop onto a class labels everything as that class. */
  readonly classId?: number;
}

export async function importPaths(api: FilterbankApi, target: ImportTarget, paths: readonly string[]): Promise<number> {
  const { jobId } = await api.imports.start({ project: target.project, paths: [...paths], labelFrom: 'folder', classId: target.classId });
  return jobId;
}

/** Uploads in batches; onUploaded reports files sent so far. */
export async function importFiles(
  api: FilterbankApi, target: ImportTarget, files: readonly PickedFile[], onUploaded: (sent: number, total: number) => void,
): Promise<number> {
  // Single files are rarely over a few megabytes; a bigger one is sent on its own and the server's limit speaks.
  const batches = uploadBatches(files, MAX_UPLOAD_FILES, MAX_UPLOAD_BYTES / 2);
  let uploadId: string | undefined;
  let sent = 0;
  for (const [i, batch] of batches.entries()) {
    const payload = await Promise.all(batch.map(async (f) => ({ relativePath: f.relativePath, bytes: await f.file.arrayBuffer() })));
    const answer = await api.imports.upload({
      project: target.project, files: payload, labelFrom: 'folder', classId: target.classId, uploadId, last: i === batches.length - 1,
    });
    uploadId = answer.uploadId;
    sent += batch.length;
    onUploaded(sent, files.length);
    if (answer.jobId !== undefined) return answer.jobId;
  }
  throw new Error('the upload ended without starting an import');
}
