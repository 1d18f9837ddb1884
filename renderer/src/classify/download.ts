// Hands text to the user as a file download from the page itself (no path on this machine is written).
export function downloadText(fileName: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once click() returns; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
