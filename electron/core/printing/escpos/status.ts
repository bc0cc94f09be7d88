/**
 * DLE EOT real-time status (Epson ESC/POS). Each query returns one byte; bits 1 and 4 are always 1 and
 * bits 0 and 7 always 0, which is how a status byte is told apart from other data on the line.
 *   n=1 printer:        bit 3 offline
 *   n=2 offline cause:  bit 2 cover open, bit 3 paper fed by button, bit 5 stopped by paper end, bit 6 error
 *   n=4 paper sensor:   bits 2–3 roll near end, bits 5–6 roll end
 */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  error: boolean;
}

export const STATUS_QUERIES = [1, 2, 4] as const;

export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

export function parseStatus(printer: number, offline: number, paper: number): PrinterStatus {
  for (const b of [printer, offline, paper]) {
    if (!isStatusByte(b)) throw new Error(`byte de estado inválido: 0x${b.toString(16)}`);
  }
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offline & 0x04) !== 0,
    paperOut: (offline & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offline & 0x40) !== 0,
  };
}

/** The bytes a printer in `s` answers to DLE EOT 1, 2 and 4 (used by the simulator and tests). */
export function statusBytes(s: PrinterStatus): [number, number, number] {
  const printer = 0x12 | (s.online ? 0 : 0x08);
  const offline = 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.error ? 0x40 : 0);
  const paper = 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
  return [printer, offline, paper];
}

/** Why a printer cannot print, in pt-PT for the operator; null when it can. */
export function statusProblem(s: PrinterStatus): string | null {
  if (s.coverOpen) return 'A tampa da impressora está aberta. Feche-a para continuar a imprimir.';
  if (s.paperOut) return 'A impressora está sem papel. Coloque um rolo novo.';
  if (s.error) return 'A impressora indica um erro (por exemplo, no corte). Desligue-a e volte a ligar.';
  if (!s.online) return 'A impressora está fora de linha. Verifique se está ligada.';
  return null;
}
