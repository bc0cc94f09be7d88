/**
 * ATCUD = `<series validation code>-<sequential number>` (Portaria 195/2020 art. 3.º, fiscal-pt.md §3).
 * The code has at least 8 characters; we do not hard-code 8 (codes of 10 exist in the wild).
 */

export const SERIES_CODE_PATTERN = /^[A-Z0-9]{8,}$/;

export function checkSeriesValidationCode(code: string): { ok: true } | { ok: false; message: string } {
  if (!SERIES_CODE_PATTERN.test(code)) {
    return {
      ok: false,
      message:
        'O código de validação da série tem pelo menos 8 caracteres (letras maiúsculas e algarismos), como comunicado pela AT.',
    };
  }
  return { ok: true };
}

/** The digit sequence right after "/" in the document number, exactly as written (art. 3.º n.º 3). */
export function sequenceOf(docNo: string): string {
  const m = /\/(\d+)$/.exec(docNo);
  if (!m) throw new Error(`Número de documento sem sequência: ${docNo}`);
  return m[1];
}

export const buildAtcud = (validationCode: string, docNo: string): string =>
  `${validationCode}-${sequenceOf(docNo)}`;

/**
 * Training series (tipoSerie F) are never registered with AT, so they get a generated placeholder code.
 * Deterministic from the series id so it is stable across restarts; prefixed "F" to be recognisable.
 */
export function trainingSeriesCode(seriesId: string): string {
  let h = 2166136261;
  for (const ch of seriesId) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return `F${h.toString(36).toUpperCase().padStart(7, '0').slice(0, 7)}`;
}
