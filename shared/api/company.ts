import { z } from 'zod';
import { checkNif } from '../fiscal/nif';
import { checkSeriesValidationCode } from '../fiscal/atcud';
import { DOC_TYPES } from '../fiscal/doc-types';
import { channel } from './define';
import { moneyOf } from './amounts';
import { SeriesView } from './fiscal';

/**
 * Gestão › Empresa e configuração (issue 12 item 7): the company's data, receipt texts and logo, the document
 * series and their AT codes, the switch from training to production, and backups. One schema per form, used by
 * the screen as the manager types and by the core on every call.
 */

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(min, min === 1 ? `${label}: obrigatório.` : `${label}: pelo menos ${min} caracteres.`)
        .max(max, `${label}: no máximo ${max} caracteres.`)
        .regex(NO_CONTROL, `${label}: caracteres de controlo não são permitidos.`),
    );
/** Receipt texts keep their line breaks (up to 4 lines), each line trimmed. */
const lines = (label: string, max: number) =>
  z
    .string()
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, ' '))
        .join('\n')
        .trim(),
    )
    .pipe(
      z
        .string()
        .max(max, `${label}: no máximo ${max} caracteres.`)
        .refine((v) => v.split('\n').length <= 4, `${label}: no máximo 4 linhas.`)
        .refine((v) => !/[^\P{Cc}\n]/u.test(v), `${label}: caracteres de controlo não são permitidos.`),
    );

export const CompanyNif = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').replace(/^PT/i, ''))
  .superRefine((v, ctx) => {
    const c = checkNif(v);
    if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message });
  });

export const CompanyProfile = z
  .object({
    name: text('Nome', 2, 100),
    nif: CompanyNif,
    address: text('Morada', 2, 100),
    postalCode: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{3}$/, 'Código postal: no formato NNNN-NNN (ex.: 1100-053).'),
    city: text('Localidade', 2, 50),
    /**
     * Capital social, printed under the NIF on every document with the Conservatória (CSC art. 171.º, issue 12).
     * Empty: not printed.
     */
    shareCapital: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v))
      .pipe(moneyOf('O capital social').nullable())
      .nullable()
      .default(null),
    registryOffice: text('Conservatória', 0, 100)
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .default(null),
    /** N.º do certificado AT do software (SAF-T SoftwareCertificateNumber, printed on every document). */
    certificateNumber: z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, 'N.º de certificado: só algarismos (até 6), como atribuído pela AT.'),
    receiptHeader: lines('Cabeçalho do talão', 200).default(''),
    receiptFooter: lines('Rodapé do talão', 300).default(''),
  })
  .strict();
export type CompanyProfileInput = z.input<typeof CompanyProfile>;
export type CompanyProfile = z.output<typeof CompanyProfile>;

export const LOGO_MAX_BYTES = 200 * 1024;
export const LogoMime = z.enum(['image/png', 'image/jpeg']);

export const CompanyView = z.object({
  profile: CompanyProfile,
  country: z.string(),
  taxRegion: z.string(),
  softwareName: z.string(),
  logo: z.object({ mime: LogoMime, base64: z.string(), bytes: z.number().int() }).nullable(),
});
export type CompanyView = z.infer<typeof CompanyView>;

export const SeriesInput = z
  .object({
    docType: z.enum(DOC_TYPES),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,35}$/, 'Série: letras, algarismos, "-", "_" ou "." (até 35).'),
    /** N: the real series (production); F: a training series. */
    seriesType: z.enum(['N', 'F']),
    validationCode: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v.toUpperCase()))
      .pipe(
        z
          .string()
          .superRefine((v, ctx) => {
            const c = checkSeriesValidationCode(v);
            if (!c.ok) ctx.addIssue({ code: 'custom', message: c.message });
          })
          .nullable(),
      )
      .nullable()
      .default(null),
  })
  .strict();
export type SeriesInput = z.input<typeof SeriesInput>;

export const ProductionCheck = z.object({
  id: z.enum(['company', 'nif', 'certificate', 'key', 'series']),
  label: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export type ProductionCheck = z.infer<typeof ProductionCheck>;
export const ProductionReadiness = z.object({
  mode: z.enum(['training', 'production']),
  /** The switch is written and applies at the next start. */
  pending: z.boolean(),
  checks: z.array(ProductionCheck),
  ready: z.boolean(),
});
export type ProductionReadiness = z.infer<typeof ProductionReadiness>;

export const BackupView = z.object({
  file: z.string(),
  createdAt: z.string(),
  bytes: z.number().int(),
  /** PRAGMA integrity_check of the copy, opened read-only after writing. */
  integrity: z.string(),
  documents: z.number().int(),
});
export type BackupView = z.infer<typeof BackupView>;
/** A backup's file name inside the data folder's backups dir (no path, no ".."). */
export const BackupName = z.string().regex(/^balcao-[0-9TZ-]+\.sqlite$/, 'Cópia de segurança desconhecida.');

export const companyContract = {
  'company/get': channel({
    input: z.object({}).strict(),
    output: CompanyView,
    access: 'reader',
    summary: 'Dados da empresa, textos do talão e logótipo',
  }),
  'company/save': channel({
    input: CompanyProfile,
    output: CompanyView,
    access: 'manager',
    summary: 'Guarda os dados da empresa (auditado: antes → depois)',
  }),
  'company/set-logo': channel({
    input: z
      .object({
        logo: z
          .object({
            mime: LogoMime,
            base64: z
              .string()
              .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4, 'O logótipo tem de ter no máximo 200 KB.')
              .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'O logótipo não veio num formato válido.'),
          })
          .nullable(),
      })
      .strict(),
    output: CompanyView,
    access: 'manager',
    summary: 'Carrega (PNG/JPEG, até 200 KB) ou retira o logótipo',
  }),
  'fiscal/open-series': channel({
    input: SeriesInput,
    output: SeriesView,
    access: 'manager',
    summary: 'Cria uma série para um tipo de documento neste terminal',
  }),
  'system/production-check': channel({
    input: z.object({}).strict(),
    output: ProductionReadiness,
    access: 'reader',
    summary: 'O que falta para passar de formação a produção',
  }),
  'system/switch-to-production': channel({
    input: z.object({ confirm: z.literal(true) }).strict(),
    output: ProductionReadiness,
    access: 'manager',
    summary: 'Passa o terminal a produção no próximo arranque (só com todas as verificações certas)',
  }),
  'system/import-production-key': channel({
    input: z
      .object({ pem: z.string().min(100, 'Escolha o ficheiro PEM da chave privada.').max(10_000) })
      .strict(),
    output: ProductionReadiness,
    access: 'manager',
    summary: 'Importa a chave privada certificada que vai assinar em produção',
  }),
  'backups/list': channel({
    input: z.object({}).strict(),
    output: z.object({ backups: z.array(BackupView), restorePending: z.string().nullable() }),
    access: 'reader',
    summary: 'Cópias de segurança da base de dados',
  }),
  'backups/create': channel({
    input: z.object({}).strict(),
    output: BackupView,
    access: 'manager',
    summary: 'Cria uma cópia de segurança (SQLite online backup) e verifica-a',
  }),
  'backups/restore': channel({
    input: z.object({ file: BackupName, confirm: z.literal(true) }).strict(),
    output: z.object({ restorePending: z.string() }),
    access: 'manager',
    summary: 'Marca uma cópia para repor no próximo arranque',
  }),
  'backups/cancel-restore': channel({
    input: z.object({}).strict(),
    output: z.object({ restorePending: z.null() }),
    access: 'manager',
    summary: 'Desiste da reposição marcada',
  }),
};
