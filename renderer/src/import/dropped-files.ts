// What the user dropped or picked, as files with their paths relative to the drop, walking dropped folders
// through the File System entries API (the only way a page can read a dropped folder).

export interface PickedFile {
  /** 'birds/robin/1.jpg': the dropped folder's name first, so class folders keep their names. */
  readonly relativePath: string;
  readonly file: File;
}

/** Files from a drop; folders are walked. Must be called during the drop event (the items expire after it). */
export function droppedEntries(transfer: DataTransfer): FileSystemEntry[] {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(transfer.items)) {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  return entries;
}

export async function readEntries(entries: readonly FileSystemEntry[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ relativePath: path, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries answers in chunks (100 in Chromium) until it answers an empty list.
      for (;;) {
        const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (chunk.length === 0) break;
        for (const child of chunk) await walk(child, `${path}/${child.name}`);
      }
    }
  };
  for (const entry of entries) await walk(entry, entry.name);
  return out;
}

/** Files from an <input type="file" webkitdirectory> (or a plain multiple file input). */
export function pickedFiles(files: FileList): PickedFile[] {
  return Array.from(files).map((file) => ({ relativePath: file.webkitRelativePath || file.name, file }));
}

/** Splits the files into upload calls within the contract's limits (files and bytes per call). */
export function uploadBatches(files: readonly PickedFile[], maxFiles: number, maxBytes: number): PickedFile[][] {
  const batches: PickedFile[][] = [];
  let batch: PickedFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (batch.length > 0 && (batch.length >= maxFiles || bytes + f.file.size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(f);
    bytes += f.file.size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
