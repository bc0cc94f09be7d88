import type { PrinterUri } from '../uri';
import { SerialTransport } from './serial';
import { TcpTransport } from './tcp';
import type { PrinterTransport } from './transport';
import { UsbTransport } from './usb';
import { VirtualTransport } from './virtual';

export interface TransportOptions {
  /** Printable width in dots (for the virtual printer's render). */
  dots: number;
  /** Folder where the virtual printer keeps its renders (`<dataDir>/virtual-printer`). */
  virtualDir: string | null;
  timeoutMs?: number;
}

/** ESC/POS transport for a URI; null for `pdf:` (which prints the document, not bytes). */
export function createTransport(uri: PrinterUri, opts: TransportOptions): PrinterTransport | null {
  switch (uri.kind) {
    case 'tcp':
      return new TcpTransport(uri.host, uri.port, opts.timeoutMs);
    case 'serial':
      return new SerialTransport(uri.path, uri.baudRate, opts.timeoutMs);
    case 'usb':
      return new UsbTransport(uri.vendorId, uri.productId);
    case 'virtual':
      return new VirtualTransport({ dots: opts.dots, dir: opts.virtualDir, file: uri.file });
    case 'pdf':
      return null;
  }
}
