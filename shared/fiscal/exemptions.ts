/**
 * VAT exemption codes with the mention to print and put in SAF-T TaxExemptionReason (6–60 chars),
 * fiscal-pt.md §6.2 (AT table, June 2022 revision). M03/M08 were removed and are refused.
 * M44–M46 have no confirmed AT wording ([verify]); we use the legal basis as the mention, which is what
 * Despacho 2.2.14 asks to print ("o motivo legal"), and keep it data so it can be corrected.
 */
export const EXEMPTIONS: Record<string, { mention: string; basis: string }> = {
  M01: { mention: 'Artigo 16.º, n.º 6 do CIVA', basis: 'Art. 16.º n.º 6 al. a) a d) CIVA' },
  M02: { mention: 'Artigo 6.º do Decreto-Lei n.º 198/90, de 19 de junho', basis: 'DL 198/90 art. 6.º' },
  M04: { mention: 'Isento artigo 13.º do CIVA', basis: 'Art. 13.º CIVA' },
  M05: { mention: 'Isento artigo 14.º do CIVA', basis: 'Art. 14.º CIVA' },
  M06: { mention: 'Isento artigo 15.º do CIVA', basis: 'Art. 15.º CIVA' },
  M07: { mention: 'Isento artigo 9.º do CIVA', basis: 'Art. 9.º CIVA' },
  M09: { mention: 'IVA – não confere direito a dedução', basis: 'Art. 62.º al. b) CIVA' },
  M10: { mention: 'IVA – regime de isenção', basis: 'Art. 57.º CIVA' },
  M11: { mention: 'Regime particular do tabaco', basis: 'DL 346/85' },
  M12: { mention: 'Regime da margem de lucro – Agências de viagens', basis: 'DL 221/85' },
  M13: { mention: 'Regime da margem de lucro – Bens em segunda mão', basis: 'DL 199/96' },
  M14: { mention: 'Regime da margem de lucro – Objetos de arte', basis: 'DL 199/96' },
  M15: { mention: 'Regime da margem de lucro – Objetos de coleção e antiguidades', basis: 'DL 199/96' },
  M16: { mention: 'Isento artigo 14.º do RITI', basis: 'Art. 14.º RITI' },
  M19: { mention: 'Outras isenções', basis: 'Isenções temporárias em diploma próprio' },
  M20: { mention: 'IVA - regime forfetário', basis: 'Art. 59.º-D n.º 2 CIVA' },
  M21: {
    mention: 'IVA – não confere direito à dedução (ou expressão similar)',
    basis: 'Art. 72.º n.º 4 CIVA',
  },
  M25: { mention: 'Mercadorias à consignação', basis: 'Art. 38.º n.º 1 al. a) CIVA' },
  M26: { mention: 'Isenção de IVA com direito à dedução no cabaz alimentar', basis: 'Lei 17/2023' },
  M30: { mention: 'IVA - autoliquidação', basis: 'Art. 2.º n.º 1 al. i) CIVA' },
  M31: { mention: 'IVA - autoliquidação', basis: 'Art. 2.º n.º 1 al. j) CIVA' },
  M32: { mention: 'IVA - autoliquidação', basis: 'Art. 2.º n.º 1 al. l) CIVA' },
  M33: { mention: 'IVA - autoliquidação', basis: 'Art. 2.º n.º 1 al. m) CIVA' },
  M34: { mention: 'IVA - autoliquidação', basis: 'Art. 2.º n.º 1 al. n) CIVA' },
  M40: { mention: 'IVA - autoliquidação', basis: 'Art. 6.º n.º 6 al. a) CIVA, a contrário' },
  M41: { mention: 'IVA - autoliquidação', basis: 'Art. 8.º n.º 3 RITI' },
  M42: { mention: 'IVA - autoliquidação', basis: 'DL 21/2007' },
  M43: { mention: 'IVA - autoliquidação', basis: 'DL 362/99' },
  M44: { mention: 'Artigo 6.º do CIVA - regras específicas', basis: 'Art. 6.º CIVA' },
  M45: { mention: 'Artigo 58.º-A do CIVA - regime transfronteiriço', basis: 'Art. 58.º-A CIVA' },
  M46: { mention: 'Decreto-Lei n.º 19/2017, de 14 de fevereiro', basis: 'DL 19/2017' },
  M99: { mention: 'Não sujeito ou não tributado', basis: 'CIVA arts. 2.º a 4.º' },
};

export function exemptionMention(code: string): string {
  const e = EXEMPTIONS[code];
  if (!e) throw new Error(`Código de isenção desconhecido: ${code}`);
  return e.mention;
}

export const isKnownExemption = (code: string): boolean =>
  Object.prototype.hasOwnProperty.call(EXEMPTIONS, code);
