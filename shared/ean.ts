/** EAN-13 / EAN-8 check digit (GS1 mod 10, weights 3/1 from the right). */
export function eanCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidEan(code: string): boolean {
  if (!/^(\d{8}|\d{13})$/.test(code)) return false;
  return eanCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

/**
 * In-store (GS1 prefix 2) EAN-13 with an embedded weight or price: `2P IIIII VVVVV C` (ASSUMPTION: the common
 * layout 5-digit item code + 5-digit value; prefixes 21–24 price in cents, 25–29 weight in grams — configurable
 * per shop in real deployments, set by the scale's label format).
 */
export interface EmbeddedBarcode {
  /** The article's catalogue barcode: the same code with the value zeroed and the check digit recomputed. */
  lookupCode: string;
  kind: 'weight' | 'price';
  /** grams or cents */
  value: number;
}

export function parseEmbeddedEan(code: string): EmbeddedBarcode | null {
  if (!/^2\d{12}$/.test(code) || !isValidEan(code)) return null;
  const prefix = Number(code.slice(0, 2));
  if (prefix < 21 || prefix > 29) return null;
  const value = Number(code.slice(7, 12));
  const body = code.slice(0, 7) + '00000';
  return { lookupCode: body + eanCheckDigit(body), kind: prefix <= 24 ? 'price' : 'weight', value };
}
