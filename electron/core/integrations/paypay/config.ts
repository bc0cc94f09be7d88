import path from 'node:path';
import { z } from 'zod';
import { PosError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { createFileSecretBox, type SecretBox } from '../../fiscal/secret-box';
import { readSetting, writeSetting } from '../../system/settings';

export const PAYPAY_SETTING = 'paypay.config';

/**
 * Gestão › Integrações › PayPay, stored as one JSON setting (validated on every read: the file is a trust boundary).
 * The private key is stored SEALED by the SecretBox, as the iLink secrets and the signing key are
 * (fiscal/secret-box.ts: AES-256-GCM with the data folder's 0600 key file, or the OS keychain in Electron); the
 * parsed config in memory holds it in clear for the transport and the webhook check only. No read channel
 * returns it (the settings view says only whether one is stored).
 */
export const PaypayConfig = z
  .object({
    baseUrl: z.string().url(),
    platformCode: z.string().min(1).max(100),
    privateKey: z.string().min(1).max(500),
    nif: z.string().regex(/^\d{9}$/, 'NIF com 9 dígitos'),
    /** NORMAL (default; may still be paid after expiry) or REALTIME (blocked at the network when expired). */
    mbType: z.enum(['NORMAL', 'REALTIME']).default('NORMAL'),
    validityDays: z.number().int().min(1).max(365).default(30),
    /** ASSUMPTION: every FT gets a reference when on; off, only those issued "com referência". */
    referenceOnEveryInvoice: z.boolean().default(false),
    /** Polling interval of pending payments (the default way to learn of a payment). */
    pollMs: z.number().int().min(5_000).max(86_400_000).default(60_000),
    /** Webhook listener port (off when null; 0 = any free port, for tests). */
    webhookPort: z.number().int().min(0).max(65535).nullable().default(null),
    /** Where the listener binds (a reverse proxy or tunnel in front of it is the shop's business). */
    webhookHost: z.string().min(1).max(100).default('127.0.0.1'),
    timeoutMs: z.number().int().min(1_000).max(120_000).default(15_000),
    // --- paypay-office (issue 11 item 6, issue 14 §1.3–1.4): Gestão › Integrações › PayPay ---
    /** MB WAY offered at the counter (the checkout provider reads it). */
    mbwayEnabled: z.boolean().default(false),
    /** The Cloud terminal the counter sends card amounts to (`GET /terminals`, remote-capable only); null = none. */
    terminalUuid: z.string().min(1).max(100).nullable().default(null),
    /**
     * Expected settlement after the payment, in business days (EOD report). ASSUMPTION: MB D+1, MB WAY D+2,
     * cards D+3, as public sources state; PayPay's contract with the shop may differ, hence configurable.
     */
    settlementDays: z
      .object({
        mb: z.number().int().min(0).max(30).default(1),
        mbway: z.number().int().min(0).max(30).default(2),
        card: z.number().int().min(0).max(30).default(3),
      })
      .strict()
      .default({ mb: 1, mbway: 2, card: 3 }),
    // --- end paypay-office ---
  })
  .strict();
export type PaypayConfig = z.output<typeof PaypayConfig>;

/** The setting as stored: the same fields, the key sealed (a sealed 500-character key is longer than 500). */
const Stored = PaypayConfig.extend({ privateKey: z.string().min(1).max(2_000) });

/** SecretBox's format tag (secret-box.ts). ASSUMPTION: no PayPay private key in clear begins with it. */
const SEALED = 'aes256gcm:';
const isSealed = (v: string): boolean => v.startsWith(SEALED);

/** One file box per connection (its key file is read once), in the folder of that connection's database. */
const boxes = new WeakMap<Db, SecretBox>();
function fileBoxOf(db: Db): SecretBox {
  let b = boxes.get(db);
  if (!b) boxes.set(db, (b = createFileSecretBox(path.dirname(db.file))));
  return b;
}

/**
 * The settings with the private key opened. A key still in clear (saved before it was sealed) is returned as
 * it is: `sealPaypayKeyAtRest` seals it at the next start, and a read-only reader (the end-of-day run) never
 * writes.
 */
export function readPaypayConfig(db: Db, box: SecretBox = fileBoxOf(db)): PaypayConfig | undefined {
  const s = readSetting(db, PAYPAY_SETTING, Stored);
  if (!s) return undefined;
  if (!isSealed(s.privateKey)) return PaypayConfig.parse(s);
  try {
    return { ...s, privateKey: box.open(s.privateKey) };
  } catch {
    throw new PosError(
      'CONFLICT',
      'Não foi possível abrir a Private Key PayPay guardada (chave de cifra da pasta de dados diferente). Configure-a de novo.',
    );
  }
}

export const writePaypayConfig = (db: Db, c: unknown, box: SecretBox = fileBoxOf(db)): PaypayConfig => {
  const parsed = PaypayConfig.parse(c);
  writeSetting(db, PAYPAY_SETTING, Stored.parse({ ...parsed, privateKey: box.seal(parsed.privateKey) }));
  return parsed;
};

/**
 * Seals a private key stored in clear by an earlier version (issue 11 review): run once at every start, it
 * rewrites the setting only when the key is not sealed yet. Returns whether it did.
 */
export function sealPaypayKeyAtRest(db: Db, box: SecretBox = fileBoxOf(db)): boolean {
  const s = readSetting(db, PAYPAY_SETTING, Stored);
  if (!s || isSealed(s.privateKey)) return false;
  writePaypayConfig(db, s, box);
  return true;
}
