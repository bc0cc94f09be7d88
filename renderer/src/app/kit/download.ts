import { writeCsv } from '../../../../shared/csv';

/** Saves text as a file in the browser (and in the Electron window, which shows its save dialog). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A CSV for Excel in Portugal: `;` between fields (the comma is the decimal separator here); `writeCsv` adds the
 * UTF-8 BOM so that accents open correctly.
 */
export function downloadCsv(name: string, rows: readonly (readonly string[])[]): void {
  downloadText(name, writeCsv(rows, ';'));
}
