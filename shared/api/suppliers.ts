import { z } from 'zod';
import { checkTaxId } from '../fiscal/tax-id';
import { channel } from './define';
import { CustomerFields, PT_POSTAL_CODE } from './customers';

/**
 * Gestão › Fornecedores (issue 12 item 3): the parties we buy from (table `supplier`, created by purchases and
 * the iLink import; electron/core/parties/suppliers). Ids are `<terminal>-<ULID>`. A supplier's VAT id is its
 * key (how a received document finds it), so it is required and unique; it is not a fiscal party of ours, so
 * nothing is frozen (ASSUMPTION: a purchase keeps the supplier's data as received in its XML).
 */
const base = CustomerFields.pick({
  name: true,
  address: true,
  postalCode: true,
  city: true,
  country: true,
  email: true,
  phone: true,
  paymentTermsDays: true,
  active: true,
});

export const SupplierInput = base
  .extend({ nif: z.string().trim().min(1, 'NIF: obrigatório.').max(30, 'NIF: no máximo 30 caracteres.') })
  .strict()
  .superRefine((s, ctx) => {
    const chk = checkTaxId(s.nif, s.country === 'PT' ? undefined : s.country);
    if (!chk.ok) ctx.addIssue({ code: 'custom', path: ['nif'], message: `NIF: ${chk.message}` });
    else if (chk.country !== s.country) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `País: o NIF ${chk.taxId} é de ${chk.country}; escolha esse país.`,
      });
    }
    if (s.country === 'PT' && s.postalCode !== '' && !PT_POSTAL_CODE.test(s.postalCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: 'Código postal: em Portugal é NNNN-NNN (por exemplo 1100-148).',
      });
    }
  });
export type SupplierInput = z.input<typeof SupplierInput>;
export type ParsedSupplierInput = z.output<typeof SupplierInput>;

export const Supplier = z.object({
  id: z.string(),
  /** As a document shows it: 9 digits for PT, prefix + number for others. */
  nif: z.string(),
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  email: z.string(),
  phone: z.string(),
  paymentTermsDays: z.number().int(),
  active: z.boolean(),
  /** Purchase documents registered from this supplier. */
  purchases: z.number().int(),
});
export type Supplier = z.infer<typeof Supplier>;

export const suppliersContract = {
  'suppliers/search': channel({
    input: z
      .object({
        query: z.string().max(100).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        includeInactive: z.boolean().default(true),
      })
      .strict(),
    output: z.array(Supplier),
    access: 'reader',
    summary: 'Procura fornecedores por nome ou NIF (ordem portuguesa), com o número de compras',
  }),
  'suppliers/get': channel({
    input: z.object({ id: z.string().min(1).max(60) }).strict(),
    output: Supplier,
    access: 'reader',
    summary: 'Ficha de um fornecedor',
  }),
  'suppliers/save': channel({
    input: z.object({ id: z.string().min(1).max(60).optional(), supplier: SupplierInput }).strict(),
    output: Supplier,
    access: 'manager',
    summary: 'Cria ou altera um fornecedor',
  }),
};
