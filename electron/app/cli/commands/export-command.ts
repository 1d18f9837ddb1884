// filterbank export <project> --format imagefolder --out PATH : writes the dataset (models arrive with runs).
import { exportImageFolder } from '../../export/imagefolder-export.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, oneOf, parseCommand } from '../options.ts';
import { openExisting } from '../project-arg.ts';

export const exportUsage = 'filterbank export <project> [--run ID] --format fbmodel|onnx|imagefolder --out PATH [--json]';

export async function exportCommand(args: string[], out: Reporter, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(args, { format: { type: 'string' }, out: { type: 'string' }, run: { type: 'string' } });
  if (!values.format) throw new UsageError('missing --format (fbmodel, onnx or imagefolder)');
  const format = oneOf('--format', values.format, ['fbmodel', 'onnx', 'imagefolder'] as const, 'imagefolder');
  if (!values.out) throw new UsageError('missing --out PATH');
  const project = openExisting(positionals[0]);
  try {
    if (format !== 'imagefolder') {
      out.error(`exporting a model as ${format} is not available yet: training runs and model export arrive with the next milestones`, EXIT.failed);
      return EXIT.failed;
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
