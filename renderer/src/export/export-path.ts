// Where a model export is written: a folder the user chose plus a file name suggested from the run, with the
// extension of the format, and the path joined the way the folder is written (/ or \).

export type ModelFormat = 'fbmodel' | 'onnx';

export const EXTENSIONS: Record<ModelFormat, string> = { fbmodel: '.fbmodel', onnx: '.onnx' };

/** A file name safe on every system we ship on, from the run's name. */
export function suggestedFileName(runName: string, format: ModelFormat): string {
  const base = runName
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s-]+$/g, '');
  return `${base || 'model'}${EXTENSIONS[format]}`;
}

/** The file name with its extension switched to the format's (other names are left as typed). */
export function withExtension(fileName: string, format: ModelFormat): string {
  for (const ext of Object.values(EXTENSIONS)) {
    if (fileName.toLowerCase().endsWith(ext)) return fileName.slice(0, -ext.length) + EXTENSIONS[format];
  }
  return fileName;
}

export function joinPath(folder: string, fileName: string): string {
  const trimmed = folder.trim();
  const separator = /^[A-Za-z]:\\|^\\\\/.test(trimmed) ? '\\' : '/';
  return trimmed.endsWith('/') || trimmed.endsWith('\\') ? `${trimmed}${fileName}` : `${trimmed}${separator}${fileName}`;
}
