import type { InfoEntry } from '../../../../../shared/api/fiscal';

/**
 * "Nº Encomenda": the additional-information entry that carries the buyer's order number becomes
 * `cac:OrderReference/cbc:ID` (BT-13). Names accepted, case- and accent-insensitive, with or without the
 * ordinal sign, dots and "de": `Nº Encomenda`, `N.º Encomenda`, `Número Encomenda`, `Número de Encomenda`,
 * `Encomenda`.
 */
export function normaliseInfoName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // accents
    .toLowerCase()
    .replace(/[º°ª.:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ORDER_NAME = /^(?:(?:n|no|nr|num|numero) (?:de )?)?encomenda$/;

export const isOrderReferenceName = (name: string): boolean => ORDER_NAME.test(normaliseInfoName(name));

/** The first order-number entry with a value, or null. */
export function findOrderReference(info: readonly InfoEntry[]): InfoEntry | null {
  return info.find((e) => isOrderReferenceName(e.name) && e.value.trim() !== '') ?? null;
}
