/** Saves a file the core sent as base64 (A4 PDF, SAF-T): bytes, not text, so Windows-1252 stays intact. */
export function downloadBase64(name: string, base64: string, type: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The decimal-comma parser lives in the kit with the amount picker; re-exported for the forms that import it here.
export { decimalOf } from '../app/kit/AmountPicker';
