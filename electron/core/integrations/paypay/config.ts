import { z } from 'zod';
import type { Db } from '../../db/open';
import { readSetting, writeSetting } from '../../system/settings';

export const PAYPAY_SETTING = 'paypay.config';

/**
 * Gestão › Integrações › PayPay, stored as one JSON setting (validated on every read: the file is a trust boundary).
 * ASSUMPTION: the private key is stored like the other settings (in the data folder, not encrypted); the
 * signing key's secret box could hold it later.
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

export const readPaypayConfig = (db: Db): PaypayConfig | undefined =>
  readSetting(db, PAYPAY_SETTING, PaypayConfig);
export const writePaypayConfig = (db: Db, c: unknown): PaypayConfig => {
  const parsed = PaypayConfig.parse(c);
  writeSetting(db, PAYPAY_SETTING, parsed);
  return parsed;
};
