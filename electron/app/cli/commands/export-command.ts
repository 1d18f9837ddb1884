// filterbank export <project> [--run ID] --format fbmodel|onnx|imagefolder --out PATH [--verify] : a trained model
// or the dataset; --verify runs a fresh ONNX export on the validation photos and compares it with the app.
import { existsSync } from 'node:fs';
import { exportImageFolder } from '../../export/imagefolder-export.ts';
import { writeModelExport } from '../../export/model-export.ts';
import { verificationLines, verifyOnnxExport } from '../../export/verify-onnx-export.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, oneOf, parseCommand } from '../options.ts';
import { openExisting } from '../project-arg.ts';
import { runModel } from '../run-arg.ts';

export const exportUsage = 'filterbank export <project> [--run ID] --format fbmodel|onnx|imagefolder --out PATH [--verify] [--json]';

export async function exportCommand(args: string[], out: Reporter, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    format: { type: 'string' }, out: { type: 'string' }, run: { type: 'string' }, verify: { type: 'boolean' },
  });
  if (!values.format) throw new UsageError('missing --format (fbmodel, onnx or imagefolder)');
  const format = oneOf('--format', values.format, ['fbmodel', 'onnx', 'imagefolder'] as const, 'imagefolder');
  if (!values.out) throw new UsageError('missing --out PATH');
  if (values.verify && format !== 'onnx') throw new UsageError('--verify checks an ONNX export: use it with --format onnx');
  const project = openExisting(positionals[0]);
  try {
    if (format === 'fbmodel' || format === 'onnx') {
      const { run, modelPath } = runModel(project, values.run);
      const target = absolutePath(values.out);
      if (existsSync(target)) throw new UsageError(`--out ${target} already exists; choose a new file name`);
      const bytes = await writeModelExport(modelPath, format, target);
      const result = { command: 'export', format, runId: run, path: target, bytes };
      const line = `model of run ${run} written to ${target} (${format})`;
      if (!values.verify) {
        out.summary(result, [line]);
        return EXIT.ok;
      }
      // The written file itself is checked, as any other program would read it.
      const verification = await verifyOnnxExport(project, modelPath, target);
      out.summary({ ...result, verification }, [line, ...verificationLines(verification)]);
      return verification.differing.length === 0 ? EXIT.ok : EXIT.failed;
    }
    const result = await exportImageFolder(project, absolutePath(values.out), {
      signal,
      onProgress: (p) => out.progress('exporting', p),
    });
    out.summary({ command: 'export', format, ...result }, [
      `exported ${result.files} photos to ${absolutePath(values.out)} (manifest: ${result.manifestPath})`,
      ...(result.skippedUnreadable ? [`${result.skippedUnreadable} unreadable photos left out`] : []),
    ]);
    return EXIT.ok;
  } finally {
    project.store.close();
  }
}
