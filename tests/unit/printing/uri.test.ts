import { describe, expect, it } from 'vitest';
import { PrinterUriString, parsePrinterUri } from '../../../electron/core/printing/uri';

describe('printer URIs', () => {
  it('parses every transport', () => {
    expect(parsePrinterUri('tcp://10.0.0.5:9100')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 9100 });
    expect(parsePrinterUri('tcp://impressora.local')).toEqual({
      kind: 'tcp',
      host: 'impressora.local',
      port: 9100,
    });
    expect(parsePrinterUri('serial:/dev/ttyUSB0?baud=19200')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baudRate: 19200,
    });
    expect(parsePrinterUri('serial:/dev/rfcomm0')).toEqual({
      kind: 'serial',
      path: '/dev/rfcomm0',
      baudRate: 19200,
    });
    expect(parsePrinterUri('usb:04b8:0202')).toEqual({ kind: 'usb', vendorId: 0x04b8, productId: 0x0202 });
    expect(parsePrinterUri('virtual:')).toEqual({ kind: 'virtual', file: null });
    expect(parsePrinterUri('virtual:out.png')).toEqual({ kind: 'virtual', file: 'out.png' });
    expect(parsePrinterUri('pdf:fatura.pdf')).toEqual({ kind: 'pdf', file: 'fatura.pdf' });
  });

  it('refuses bad URIs with a pt-PT message', () => {
    for (const bad of [
      '',
      'lpt1',
      'tcp://:9100',
      'tcp://h:99999',
      'serial:/dev/x?baud=1234',
      'usb:4b8:202',
      'pdf:',
      'ftp://x',
    ]) {
      expect(() => parsePrinterUri(bad), bad).toThrow(/Endereço de impressora inválido/);
      expect(PrinterUriString.safeParse(bad).success).toBe(false);
    }
  });
});
