import { PosError } from '../../../../shared/errors';
import { statusProblem, type PrinterStatus } from '../escpos/status';

/** Something ESC/POS bytes can be written to. One job = one `send`; transports reconnect on their own. */
export interface PrinterTransport {
  readonly description: string;
  /**
   * Sends one job. With `checkStatus`, asks DLE EOT first on the same link and throws DEVICE_ERROR (pt-PT
   * reason) when the printer reports a problem; a printer that does not answer is printed to anyway.
   */
  send(bytes: Uint8Array, opts?: SendOptions): Promise<void>;
  /** DLE EOT status, where the link is bidirectional; `null` when this transport cannot ask. */
  status(): Promise<PrinterStatus | null>;
  close(): Promise<void>;
}

export interface SendOptions {
  checkStatus?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 3000;
/** How long to wait for DLE EOT answers before printing anyway (printers without status never answer). */
export const STATUS_WAIT_MS = 800;

export function assertPrintable(status: PrinterStatus | null): void {
  const problem = status ? statusProblem(status) : null;
  if (problem) throw new PosError('DEVICE_ERROR', problem, { status });
}
