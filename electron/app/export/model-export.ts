// Writes a run's model as a file other tools read: the .fbmodel as it is, or ONNX made from that same file, so
// the export predicts what the app predicts (proven by the ONNX parity tests). Callers refuse an existing target.
import { readFile } from 'node:fs/promises';
import { decodeModelFile } from '../../../core/io/model-file.ts';
import { exportOnnx } from '../../../core/io/onnx/export-onnx.ts';
import { writeFileAtomic } from '../files/write-file-atomic.ts';

export type ModelExportFormat = 'fbmodel' | 'onnx';

/** Returns the bytes written. */
export async function writeModelExport(modelPath: string, format: ModelExportFormat, target: string): Promise<number> {
  const bytes = new Uint8Array(await readFile(modelPath));
  const written = format === 'onnx' ? exportOnnx(decodeModelFile(bytes)) : bytes;
  await writeFileAtomic(target, written);
  return written.length;
}
