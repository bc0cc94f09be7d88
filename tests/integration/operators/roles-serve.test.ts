import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBalcao, type BalcaoServer } from '../../e2e/balcao-server';
import { serveCall, type ServeReply } from '../../helpers/serve-call';

/**
 * Issue 12 item 6: the contabilista's role is enforced by the core, on the real HTTP transport of a real
 * `balcao serve` process — not by what the screen hides. Each refused call answers 403 with a pt-PT message and
 * changes nothing; the back office's reading and exports answer.
 */
let server: BalcaoServer & { stop(): Promise<void> };
let token = '';

type Reply = ServeReply;
const call = (channel: string, input: unknown, session: string | null = null): Promise<Reply> =>
  serveCall(server.url, token, channel, input, session);

async function login(operatorId: number, pin: string): Promise<string> {
  const r = await call('auth/login', { operatorId, pin });
  expect(r.ok, r.error?.message).toBe(true);
  return (r.value as { token: string }).token;
}

let gerente = '';
let contabilista = '';
let accountantId = 0;

beforeAll(async () => {
  server = await startBalcao();
  const page = await (await fetch(server.url)).text();
  token = /<meta name="balcao-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  expect(token).not.toBe('');
  gerente = await login(2, '9999');
  const created = await call(
    'operators/save',
    { operator: { name: 'Carla Contas', role: 'contabilista', pin: '4321' } },
    gerente,
  );
  expect(created, created.error?.message).toMatchObject({ ok: true, value: { role: 'contabilista' } });
  accountantId = (created.value as { id: number }).id;
  contabilista = await login(accountantId, '4321');
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('contabilista through balcao serve', () => {
  it('is refused every sale, shift, cash, drawer and fault-injection call with a 403 in pt-PT', async () => {
    const refused: Array<[string, unknown]> = [
      ['sales/add-line', { articleId: 1 }],
      ['sales/current', {}],
      ['sales/scan', { barcode: '5601234100211' }],
      [
        'sales/return',
        { documentId: 1, lines: [{ lineId: 1, quantity: '1' }], reason: 'x', refundMethod: 'cash-manual' },
      ],
      ['shifts/open', { openingFloat: '50.00' }],
      ['shifts/cash-movement', { kind: 'payout', amount: '5.00', reason: 'Selos' }],
      ['shifts/open-drawer', { reason: 'Troco' }],
      ['cash/status', {}],
      ['cash/payout', { amount: '5.00', reason: 'Selos' }],
      ['printing/open-drawer', { reason: 'Teste' }],
      ['cash/sim-fault', { fault: 'jam' }],
      ['fiscal/issue-document', { type: 'FS', lines: [{ articleId: 1, quantity: '1' }] }],
      ['operators/save', { operator: { name: 'Intruso', role: 'gerente', pin: '1234' } }],
      ['auth/verify-manager', { pin: '9999' }],
    ];
    for (const [channel, input] of refused) {
      const r = await call(channel, input, contabilista);
      expect(r, channel).toMatchObject({ status: 403, ok: false, error: { code: 'FORBIDDEN' } });
      expect(r.error?.message, channel).toMatch(/contabilista.*não vende/);
    }
    // Nothing happened: no shift, no sale, no new operator.
    const shift = await call('shifts/current', {}, gerente);
    expect(shift).toMatchObject({ ok: true, value: null });
    const ops = await call('operators/list', {}, gerente);
    expect((ops.value as Array<{ name: string }>).map((o) => o.name)).not.toContain('Intruso');
  });

  it('reads and exports the back office', async () => {
    for (const [channel, input] of [
      ['auth/whoami', {}],
      ['fiscal/list-documents', {}],
      ['fiscal/list-series', {}],
      ['catalog/search', { query: 'cafe' }],
      ['catalog/export-csv', {}],
      ['reports/eod-list', {}],
      ['operators/list', {}],
      ['company/get', {}],
      ['settings/approval-limits', {}],
      ['backups/list', {}],
      ['system/production-check', {}],
      ['customers/search', { query: '' }],
      ['customers/export-csv', {}],
      ['suppliers/search', {}],
      ['documents/search', {}],
      ['reports/sales', { from: '2026-01-01', to: '2026-01-31', by: 'family' }],
    ] as const) {
      const r = await call(channel, input, contabilista);
      expect(r, `${channel}: ${r.error?.message}`).toMatchObject({ status: 200, ok: true });
    }
    // Reading is not writing: the customer file stays the gerente's.
    expect(
      await call(
        'customers/save',
        { customer: { nif: '501964843', name: 'Cliente Empresa, Lda' } },
        contabilista,
      ),
    ).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    const me = await call('auth/whoami', {}, contabilista);
    expect(me.value).toMatchObject({ operator: { id: accountantId, role: 'contabilista' } });
  });

  it('a caixa cannot read what is the gerente’s and the contabilista’s, and no one without a session', async () => {
    const caixa = await login(1, '1111');
    for (const channel of [
      'operators/list',
      'company/get',
      'backups/list',
      'catalog/export-csv',
      'customers/export-csv',
      'suppliers/search',
    ])
      expect(await call(channel, {}, caixa), channel).toMatchObject({
        status: 403,
        error: { code: 'FORBIDDEN' },
      });
    expect(await call('operators/list', {})).toMatchObject({
      status: 401,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
