import {
  DOC_FIELDS,
  INFO_FIELDS,
  LINE_FIELDS,
  PAY_FIELDS,
  STATUS_FIELDS,
  TAX_FIELDS,
  fieldTags,
  type SealContent,
  type SealRow,
} from './seal-canonical';

/** pt-PT names of the sealed fields; `f` = feminine (the participle agrees: "alterado"/"alterada"). */
const LABELS: Record<string, [string, boolean]> = {
  id: ['identificador interno', false],
  series_id: ['série', true],
  doc_type: ['tipo de documento', false],
  number: ['número', false],
  doc_no: ['número do documento', false],
  atcud: ['ATCUD', false],
  doc_date: ['data', true],
  system_entry_date: ['hora de registo', true],
  training: ['indicação de formação', true],
  terminal_id: ['terminal', false],
  operator_id: ['operador', false],
  customer_id: ['cliente', false],
  customer_nif: ['NIF do cliente', false],
  customer_name: ['nome do cliente', false],
  customer_address: ['morada do cliente', true],
  customer_postal_code: ['código postal do cliente', false],
  customer_city: ['localidade do cliente', true],
  customer_country: ['país do cliente', false],
  global_discount_pct: ['desconto global', false],
  net_total: ['total sem IVA', false],
  tax_payable: ['total de IVA', false],
  gross_total: ['total', false],
  hash: ['assinatura', true],
  hash_control: ['versão da chave (HashControl)', true],
  key_id: ['chave de assinatura', true],
  origin_document_id: ['documento de origem', false],
  origin_reason: ['motivo da correção', false],
  transport: ['dados de transporte', false],
  cash_tendered: ['valor entregue', false],
  line_no: ['número da linha', false],
  article_id: ['artigo', false],
  product_code: ['código do artigo', false],
  product_type: ['tipo de artigo', false],
  description: ['descrição', true],
  quantity: ['quantidade', true],
  unit: ['unidade', true],
  unit_price_gross: ['preço unitário', false],
  unit_price_net: ['preço unitário sem IVA', false],
  discount_pct: ['desconto', false],
  gross_before_discount: ['valor antes do desconto', false],
  gross: ['valor', false],
  net: ['valor sem IVA', false],
  tax: ['IVA', false],
  discount_net: ['valor do desconto', false],
  tax_type: ['tipo de imposto', false],
  tax_region: ['região do IVA', true],
  tax_code: ['código do IVA', false],
  tax_pct: ['taxa de IVA', true],
  exemption_code: ['código de isenção', false],
  exemption_reason: ['motivo de isenção', false],
  origin_line_id: ['linha de origem', true],
  seq: ['ordem', true],
  region: ['região', true],
  code: ['código', false],
  pct: ['taxa', true],
  base: ['base tributável', true],
  method: ['meio de pagamento', false],
  mechanism: ['mecanismo de pagamento (SAF-T)', false],
  amount: ['valor', false],
  pay_date: ['data do pagamento', true],
  name: ['nome', false],
  value: ['valor', false],
  document_id: ['documento', false],
  status: ['estado', false],
  at: ['data e hora', true],
  reason: ['motivo', false],
};

const changed = (field: string): string => {
  const [label, f] = LABELS[field] ?? [field, false];
  return `${label} ${f ? 'alterada' : 'alterado'}`;
};

function rowDiffs(fields: readonly string[], stored: Buffer, offset: number, live: SealRow): string[] {
  const now = fieldTags([live]);
  const out: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    if (offset + 2 * i + 2 > stored.length) break;
    if (stored.readUInt16LE(offset + 2 * i) !== now.readUInt16LE(2 * i)) out.push(changed(fields[i]));
  }
  return out;
}

const SECTIONS = [
  { fields: LINE_FIELDS, name: 'linha', count: 'linhas', pick: (c: SealContent) => c.lines },
  {
    fields: TAX_FIELDS,
    name: 'quadro de IVA',
    count: 'linhas do quadro de IVA',
    pick: (c: SealContent) => c.taxes,
  },
  { fields: PAY_FIELDS, name: 'pagamento', count: 'pagamentos', pick: (c: SealContent) => c.payments },
  {
    fields: INFO_FIELDS,
    name: 'informação adicional',
    count: 'informações adicionais',
    pick: (c: SealContent) => c.info,
  },
] as const;

/**
 * What changed in a document whose MAC failed, by comparing the sealed per-field tags with the live rows:
 * "linha 2, preço unitário alterado", "NIF do cliente alterado", "pagamento 1, meio de pagamento alterado".
 * Empty when the tags show no change (then the chain link itself differs, or the tags were rewritten: they
 * are a diagnosis aid, see seal-canonical.ts).
 */
export function diagnoseDocument(live: SealContent, storedTags: Buffer, storedShape: string): string[] {
  const out: string[] = [];
  const sealed = storedShape.split(',').map(Number);
  let off = 0;
  out.push(...rowDiffs(DOC_FIELDS, storedTags, off, live.doc));
  off += 2 * DOC_FIELDS.length;
  SECTIONS.forEach((s, k) => {
    const rows = s.pick(live);
    const n = sealed[k] ?? 0;
    if (n !== rows.length) out.push(`número de ${s.count} alterado (selado: ${n}, agora: ${rows.length})`);
    for (let i = 0; i < Math.min(n, rows.length); i++) {
      for (const d of rowDiffs(s.fields, storedTags, off + 2 * i * s.fields.length, rows[i]))
        out.push(`${s.name} ${i + 1}, ${d}`);
    }
    off += 2 * n * s.fields.length;
  });
  return out;
}

export function diagnoseStatus(live: SealRow, storedTags: Buffer): string[] {
  return rowDiffs(STATUS_FIELDS, storedTags, 0, live).map((d) => `anulação: ${d}`);
}
