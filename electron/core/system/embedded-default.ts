import { z } from 'zod';
import catalogueJson from '../../../resources/demo-catalogue.json';
import { TaxCode, Unit } from '../../../shared/api/catalog';
import { isValidEan } from '../../../shared/ean';
import { DecimalString } from '../../../shared/money';
import type { CoreContext } from '../context';
import type { AuthService } from '../auth/service';
import { SETTING } from './settings';

/** Demo PINs, printed in the README. Training mode only. */
export const DEMO_OPERATORS = [
  { name: 'Ana Caixa', role: 'caixa', pin: '1111' },
  { name: 'Rui Gerente', role: 'gerente', pin: '9999' },
] as const;

const CatalogueFile = z.object({
  articles: z
    .array(
      z.object({
        code: z.string().min(1),
        barcode: z.string().refine(isValidEan, 'EAN inválido'),
        name: z.string().min(1).max(200),
        family: z.string(),
        unit: Unit,
        price: DecimalString,
        taxCode: TaxCode,
        exemptionCode: z
          .string()
          .regex(/^M\d{2}$/)
          .nullable(),
        productType: z.enum(['P', 'S']),
        favourite: z.boolean(),
      }),
    )
    .min(1),
});

/**
 * VAT rates in force (fiscal-pt.md §6.1), effective-dated so a change of rate is a new row, not code.
 * [verify] the regional rates every January against the regional budgets.
 */
export const TAX_RATES = [
  { region: 'PT', code: 'NOR', percentage: '23', valid_from: '2011-01-01', legal_basis: 'CIVA art. 18.º' },
  { region: 'PT', code: 'INT', percentage: '13', valid_from: '2010-07-01', legal_basis: 'CIVA art. 18.º' },
  { region: 'PT', code: 'RED', percentage: '6', valid_from: '2010-07-01', legal_basis: 'CIVA art. 18.º' },
  {
    region: 'PT-AC',
    code: 'NOR',
    percentage: '16',
    valid_from: '2021-07-01',
    legal_basis: 'DLR 15-A/2021/A',
  },
  { region: 'PT-AC', code: 'INT', percentage: '9', valid_from: '2021-07-01', legal_basis: 'DLR 15-A/2021/A' },
  { region: 'PT-AC', code: 'RED', percentage: '4', valid_from: '2021-07-01', legal_basis: 'DLR 15-A/2021/A' },
  { region: 'PT-MA', code: 'NOR', percentage: '22', valid_from: '2012-04-01', legal_basis: 'Orçamento RAM' },
  { region: 'PT-MA', code: 'INT', percentage: '12', valid_from: '2012-04-01', legal_basis: 'Orçamento RAM' },
  {
    region: 'PT-MA',
    code: 'RED',
    percentage: '5',
    valid_from: '2012-04-01',
    legal_basis: 'Orçamento RAM',
    valid_to: '2024-09-30',
  },
  {
    region: 'PT-MA',
    code: 'RED',
    percentage: '4',
    valid_from: '2024-10-01',
    legal_basis: 'Orçamento RAM 2024',
  },
] as const;

export function isEmpty(ctx: CoreContext): boolean {
  return !ctx.db.get(ctx.db.k.selectFrom('company').select('id'));
}

/**
 * First start on an empty data folder: a working training terminal with no configuration at all —
 * demo company (AT's test NIF), demo catalogue, two operators, VAT table. Devices add their own defaults.
 */
export function seedEmbeddedDefault(ctx: CoreContext, auth: AuthService): void {
  const { db } = ctx;
  const catalogue = CatalogueFile.parse(catalogueJson);
  const now = ctx.clock.now().toISOString();
  db.tx(() => {
    db.run(
      db.k.insertInto('company').values({
        id: 1,
        name: 'Mercearia Demonstração, Lda.',
        nif: '599999993',
        address: 'Rua Augusta, 100',
        postal_code: '1100-053',
        city: 'Lisboa',
        country: 'PT',
        certificate_number: '9999',
        software_name: 'Balcão',
      }),
    );
    for (const r of TAX_RATES) {
      db.run(db.k.insertInto('tax_rate').values({ valid_to: null, ...r }));
    }
    for (const a of catalogue.articles) {
      db.run(
        db.k.insertInto('article').values({
          code: a.code,
          barcode: a.barcode,
          name: a.name,
          family: a.family,
          unit: a.unit,
          price: a.price,
          tax_code: a.taxCode,
          exemption_code: a.exemptionCode,
          product_type: a.productType,
          favourite: a.favourite ? 1 : 0,
          active: 1,
          created_at: now,
        }),
      );
    }
    for (const op of DEMO_OPERATORS) auth.createOperator(op.name, op.role, op.pin);
    const put = (key: string, value: unknown): void => {
      db.run(db.k.insertInto('setting').values({ key, value: JSON.stringify(value) }));
    };
    put(SETTING.mode, 'training');
    put(SETTING.terminalId, 'T1');
    put(SETTING.createdAt, now);
  });
  ctx.audit('system.embedded-default', null, { articles: catalogue.articles.length });
  ctx.log.info('embedded default created', { articles: catalogue.articles.length });
}
