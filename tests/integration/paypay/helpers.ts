import { startPaypaySimulator, type PaypaySimulator } from '../../../electron/simulators/paypay';
import { writePaypayConfig } from '../../../electron/core/integrations/paypay/config';
import type { Core } from '../../../electron/core/core';
import { articleOf } from '../fiscal/fiscal-helpers';

/** The simulator on loopback, and a core configured to use it (real HTTP both ways). */
export async function startSim(o: Parameters<typeof startPaypaySimulator>[0] = {}): Promise<PaypaySimulator> {
  return startPaypaySimulator({ hangMs: 3_000, webhookRetryMs: 50, ...o });
}

export function configure(core: Core, sim: PaypaySimulator, extra: Record<string, unknown> = {}): void {
  writePaypayConfig(core.ctx.db, {
    baseUrl: sim.baseUrl,
    platformCode: sim.credentials.platformCode,
    privateKey: sim.credentials.privateKey,
    nif: sim.credentials.clientId,
    timeoutMs: 10_000,
    ...extra,
  });
}

export const ftDraft = (core: Core, qty = '2') => ({
  type: 'FT' as const,
  lines: [{ articleId: articleOf(core, 'NOR').id, quantity: qty }],
  customer: {
    nif: '123456789',
    name: 'Cliente Exemplo, Lda.',
    address: 'Rua A 1',
    postalCode: '1000-001',
    city: 'Lisboa',
  },
});

export async function control(
  sim: PaypaySimulator,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const r = await fetch(`${sim.controlUrl}/control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}
