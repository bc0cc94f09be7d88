import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { INVOICE_TYPES, RECEIPT_TYPES, isConsumidorFinal, type PrintableDocument } from './printable';

/** The fixed legal phrases, in one place so the receipt, the A4 PDF and the tests agree. */
export const LEGAL = {
  /** Despacho 8632/2014 1.5. */
  training: 'Documento emitido para fins de Formação',
  /** Despacho 2.2.15: a reprint keeps the content and says it is not the original. */
  copy: '2.ª via',
  /** Despacho 1.2, for documents of SAF-T tables 4.2–4.4 shown to the customer. */
  notInvoice: 'Este documento não serve de fatura',
  /** Despacho 2.2.5. */
  consumidorFinal: 'Consumidor final',
} as const;

/** "AxAx-Processado por programa certificado n.º 0000/AT" (Portaria 363/2010 art. 6.º n.º 3; fiscal-pt.md §2.4). */
export function certificationLine(
  doc: Pick<PrintableDocument, 'docType' | 'hashChars' | 'certificateNumber'>,
): string {
  const verb = RECEIPT_TYPES.has(doc.docType) ? 'Emitido' : 'Processado';
  const phrase = `${verb} por programa certificado n.º ${doc.certificateNumber.padStart(4, '0')}/AT`;
  return doc.hashChars ? `${doc.hashChars}-${phrase}` : phrase;
}

/** Printed as `ATCUD:CODE-SEQ` (Portaria 195/2020 art. 4.º). */
export const atcudLine = (atcud: string): string => `ATCUD:${atcud}`;

export const isNotInvoice = (doc: Pick<PrintableDocument, 'docType'>): boolean =>
  !INVOICE_TYPES.has(doc.docType);

// "Conservatória do Registo Comercial de Lisboa", "C.R.C. de Lisboa", "CRC Lisboa": the place is what follows.
const OFFICE_NAME =
  /^(?:conservat[óo]ria\s+do\s+registo\s+comercial|c\.?\s?r\.?\s?c\.?)(?:\s+(?:de|do|da|dos|das)\b)?\s*/i;

/**
 * The company's commercial registration, printed under its NIF on every document (CSC art. 171.º: besides
 * firma, sede and NIPC, the Conservatória where registered, the matrícula number and, for sociedades, the
 * capital social). Only what Gestão › Empresa has filled prints: a sole trader has neither.
 * ASSUMPTION: the matrícula number is the NIPC (the "número único de matrícula e de pessoa coletiva" since
 * the 2006 reform of the Código do Registo Comercial), so Gestão › Empresa asks for no other number.
 * One line when it fits `width` columns, else one line per part (each may still wrap on the roll).
 */
export function registrationLines(
  issuer: Pick<PrintableDocument['issuer'], 'nif' | 'shareCapital' | 'registryOffice'>,
  width: number,
): string[] {
  const parts: string[] = [];
  if (issuer.shareCapital)
    parts.push(t('printing.shareCapital', { amount: formatEuro(issuer.shareCapital) }));
  const typed = issuer.registryOffice?.trim();
  if (typed) {
    // Typed as just the name of the office ("Conservatória do Registo Comercial"): printed as typed.
    const place = typed.replace(OFFICE_NAME, '');
    const office = place ? t('printing.registryOffice', { place }) : typed;
    parts.push(t('printing.registry', { office, number: issuer.nif }));
  }
  const one = parts.join(' · ');
  return parts.length && one.length <= width ? [one] : parts;
}

export function customerLines(doc: PrintableDocument): string[] {
  const c = doc.customer;
  if (isConsumidorFinal(c.nif)) return [c.name ? `Cliente: ${c.name}` : LEGAL.consumidorFinal];
  return [`NIF cliente: ${c.nif}`, ...(c.name ? [c.name] : []), ...c.address];
}

/** "DD/MM/AAAA hh:mm" from a local `YYYY-MM-DDThh:mm(:ss)`. */
const dayTime = (iso: string): string =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;

/**
 * The transport block of a GT/GR (DL 147/2003 art. 4.º), the same lines on the roll and on A4. Until AT's code
 * is typed in, the guide says so (the 2.ª via printed afterwards carries it).
 */
export function transportLines(doc: Pick<PrintableDocument, 'transport'>): string[] {
  const t = doc.transport;
  if (!t) return [];
  const out: string[] = [];
  if (t.ownGoods) out.push('Bens próprios: transferência entre armazéns');
  out.push(`Local de carga: ${t.loadFrom.join(', ')}`);
  out.push(`Local de descarga: ${t.deliverTo.join(', ')}`);
  out.push(`Início do transporte: ${dayTime(t.startTime)}`);
  if (t.endTime) out.push(`Descarga prevista: ${dayTime(t.endTime)}`);
  if (t.vehicle) out.push(`Matrícula: ${t.vehicle}`);
  out.push(t.atCode ? `Código AT: ${t.atCode}` : 'Código AT: por comunicar');
  return out;
}
