import {
  PaypayConfigureInput,
  type PaypayConfigView,
  type PaypayConfigureInput as ConfigureInput,
} from '../../../../shared/api/paypay';
import { PosError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import { PaypayConfig, readPaypayConfig, writePaypayConfig } from './config';
import { assertAllowedHost } from './transport';

/**
 * Gestão › Integrations › PayPay (issue 11 item 6, paypay-office): the settings view (no private key, ever),
 * saving them (the same zod schema the screen checks as typed), and the rule that a training terminal talks to
 * and listens on loopback only.
 */

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;

/** A training terminal's webhook listener binds to loopback only (nothing from the network reaches it). */
export function assertWebhookHost(host: string, training: boolean): void {
  if (training && !LOOPBACK_HOST.test(host.trim()))
    throw new PosError(
      'VALIDATION',
      `Este terminal está em modo formação: o recetor de webhooks só escuta neste computador (127.0.0.1), nunca em ${host}. Passe o terminal a produção para receber webhooks da rede.`,
    );
}

export function paypayConfigView(
  ctx: Pick<CoreContext, 'db' | 'mode'>,
  webhookUrl: string | null,
): PaypayConfigView {
  const c = readPaypayConfig(ctx.db);
  const d =
    c ??
    PaypayConfig.parse({
      baseUrl: 'http://127.0.0.1/',
      platformCode: '-',
      privateKey: '-',
      nif: '000000000',
    });
  return {
    configured: c !== undefined,
    training: ctx.mode === 'training',
    baseUrl: c?.baseUrl ?? null,
    platformCode: c?.platformCode ?? null,
    nif: c?.nif ?? null,
    privateKeyStored: c !== undefined,
    mbType: d.mbType,
    validityDays: d.validityDays,
    mbwayEnabled: d.mbwayEnabled,
    terminalUuid: d.terminalUuid,
    webhookEnabled: d.webhookPort !== null,
    webhookPort: d.webhookPort,
    webhookHost: d.webhookHost,
    webhookUrl,
    settlementDays: d.settlementDays,
  };
}

/**
 * Saves the settings: addresses checked for a training terminal first (a clear pt-PT refusal, nothing saved),
 * the stored private key kept when none is typed; the settings the screen does not show (polling interval,
 * timeout, reference on every invoice, settlement days) are kept as they were.
 */
export function savePaypayConfig(
  ctx: Pick<CoreContext, 'db' | 'mode' | 'audit'>,
  raw: ConfigureInput,
  operatorId: number | null,
) {
  const input = PaypayConfigureInput.parse(raw);
  const training = ctx.mode === 'training';
  assertAllowedHost(input.baseUrl, training);
  assertWebhookHost(input.webhookHost, training);
  const previous = readPaypayConfig(ctx.db);
  const privateKey = input.privateKey ? input.privateKey : previous?.privateKey;
  if (!privateKey)
    throw new PosError('VALIDATION', 'Indique a Private Key da integração (é guardada e nunca é mostrada).', {
      field: 'privateKey',
    });
  const saved = writePaypayConfig(ctx.db, {
    ...(previous ?? {}),
    baseUrl: input.baseUrl,
    platformCode: input.platformCode,
    privateKey,
    nif: input.nif,
    mbType: input.mbType,
    validityDays: input.validityDays,
    mbwayEnabled: input.mbwayEnabled,
    terminalUuid: input.terminalUuid,
    webhookPort: input.webhookEnabled ? input.webhookPort : null,
    webhookHost: input.webhookHost,
  });
  // Never the key, not even in the audit.
  ctx.audit('paypay.configured', operatorId, {
    baseUrl: saved.baseUrl,
    nif: saved.nif,
    keyChanged: !!input.privateKey,
    webhookPort: saved.webhookPort,
    webhookHost: saved.webhookHost,
    terminalUuid: saved.terminalUuid,
  });
  return saved;
}
