import { z } from 'zod';
import { PosError } from '../../../shared/errors';

/**
 * A printer is configured by one URI:
 *   tcp://10.0.0.5:9100           raw TCP ("JetDirect"), the port defaults to 9100
 *   serial:/dev/ttyUSB0?baud=19200 RS-232, USB-serial and Bluetooth SPP (/dev/rfcomm0, COM5)
 *   usb:04b8:0202                  USB printer class, vendor:product in hex
 *   virtual: | virtual:FILE.png    decoded and rendered to PNG (training default)
 *   pdf:FILE.pdf                   A4 PDF of the document
 */
export type PrinterUri =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'usb'; vendorId: number; productId: number }
  | { kind: 'virtual'; file: string | null }
  | { kind: 'pdf'; file: string };

const hex4 = z.string().regex(/^[0-9a-fA-F]{4}$/);
const TcpUri = z.object({
  kind: z.literal('tcp'),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
});
const SerialUri = z.object({
  kind: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z
    .number()
    .int()
    .refine((b) => [2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(b), {
      message: 'Velocidade de série inválida',
    }),
});

function bad(uri: string, why: string): PosError {
  return new PosError(
    'VALIDATION',
    `Endereço de impressora inválido "${uri}": ${why}. Exemplos: tcp://10.0.0.5:9100, serial:/dev/ttyUSB0?baud=19200, usb:04b8:0202, virtual:, pdf:recibo.pdf`,
    { uri },
  );
}

export function parsePrinterUri(uri: string): PrinterUri {
  const s = uri.trim();
  const colon = s.indexOf(':');
  if (colon < 1) throw bad(uri, 'falta o tipo');
  const scheme = s.slice(0, colon).toLowerCase();
  const rest = s.slice(colon + 1);
  switch (scheme) {
    case 'tcp': {
      const m = /^\/\/(\[[^\]]+\]|[^:/?#]+)(?::(\d+))?\/?$/.exec(rest);
      if (!m) throw bad(uri, 'use tcp://endereço:porta');
      const r = TcpUri.safeParse({
        kind: 'tcp',
        host: m[1].replace(/^\[|\]$/g, ''),
        port: Number(m[2] ?? 9100),
      });
      if (!r.success) throw bad(uri, 'endereço ou porta inválidos');
      return r.data;
    }
    case 'serial': {
      const [p, query = ''] = rest.split('?', 2);
      const params = new URLSearchParams(query);
      const r = SerialUri.safeParse({
        kind: 'serial',
        path: p,
        baudRate: Number(params.get('baud') ?? 19200),
      });
      if (!r.success) throw bad(uri, r.error.issues[0]?.message ?? 'porta inválida');
      return r.data;
    }
    case 'usb': {
      const [v, p] = rest.split(':');
      if (!hex4.safeParse(v).success || !hex4.safeParse(p).success)
        throw bad(uri, 'use usb:VVVV:PPPP (hexadecimal)');
      return { kind: 'usb', vendorId: parseInt(v, 16), productId: parseInt(p, 16) };
    }
    case 'virtual':
      return { kind: 'virtual', file: rest.trim() ? rest.trim() : null };
    case 'pdf':
      if (!rest.trim()) throw bad(uri, 'indique o ficheiro, ex.: pdf:fatura.pdf');
      return { kind: 'pdf', file: rest.trim() };
    default:
      throw bad(uri, `tipo "${scheme}" desconhecido`);
  }
}

/** zod type for a printer URI at a trust boundary (API input, config files). */
export const PrinterUriString = z.string().superRefine((v, ctx) => {
  try {
    parsePrinterUri(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'Endereço inválido' });
  }
});
