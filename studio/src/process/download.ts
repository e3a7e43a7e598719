/** Offers `text` as a file to save (导出 BPMN / SVG). */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the address is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url));
}

/** A file name from an item's name: characters file systems refuse become `_`. */
export const fileNameOf = (name: string, extension: string) =>
  `${name.replace(/[\\/:*?"<>|]/g, '_').trim() || '流程图'}.${extension}`;
