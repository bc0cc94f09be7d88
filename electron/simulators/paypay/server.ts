import crypto from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { z } from 'zod';
import { PaypayAccount, TERMINAL_WINDOW_MS, type SimEvent, type SimPayment } from './state';

/**
 * The PayPay REST API on loopback (paypay-ilink-ciuspt.md §1.2, §6.1, §6.2), for tests, `balcao sim paypay`
 * and training terminals: Basic `platformCode:privateKey` + `PayPay-ClientId` checks, MB references, MB WAY,
 * a Cloud terminal, signed webhooks to a configured URL (retries, duplicates on demand) and fault injection,
 * plus our own JSON control API (not PayPay's) on a second port.
 */
export interface PaypaySimulatorOptions {
  host?: string;
  port?: number;
  controlPort?: number;
  platformCode?: string;
  privateKey?: string;
  /** The entity's NIF expected in `PayPay-ClientId`. */
  clientId?: string;
  now?: () => number;
  /** Delay before a failed webhook is sent again (PayPay: 1, 2, 3, 5… minutes; shortened here). */
  webhookRetryMs?: number;
  /** How long a "timeout" fault holds the answer (then the socket is destroyed). */
  hangMs?: number;
}

export interface PaypaySimulator {
  readonly baseUrl: string;
  readonly controlUrl: string;
  readonly port: number;
  readonly controlPort: number;
  readonly account: PaypayAccount;
  readonly credentials: { platformCode: string; privateKey: string; clientId: string };
  /** Every API request received (method + path + Idempotency-Key), for tests. */
  readonly requests: Array<{ method: string; path: string; key: string | null }>;
  /** Every webhook delivery attempt (status 0 = unreachable). */
  readonly webhooks: Array<{ id: string; action: string; status: number }>;
  close(): Promise<void>;
}

export const SIM_DEFAULTS = {
  platformCode: 'BALCAO-SIM',
  privateKey: 'simulador-chave-privada',
  clientId: '599999993',
} as const;

type Fault = { kind: '5xx' | 'timeout' | 'reset'; left: number };

const envelope = (data: unknown, success = true): string =>
  JSON.stringify({
    apiVersion: '1.0',
    date: new Date().toISOString(),
    success,
    ...(success ? { data } : data!),
  });

/** ASSUMPTION (REST error body OPEN): `{success:false, error:{code, message}}`; codes are the simulator's. */
const errorBody = (code: string, message: string): string =>
  envelope({ error: { code, message } } as unknown as Record<string, unknown>, false);

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const Cents = z.number().int().positive().max(99_999_999_999);
const Phone = z.string().regex(/^\d{1,3}#\d{6,15}$/);
const RefBody = z.object({
  type: z.literal('payment').default('payment'),
  amount: Cents,
  code: z.string().max(60).optional(),
  callbackUrl: z.string().optional(),
  availableMethods: z
    .array(z.object({ code: z.literal('MB'), type: z.enum(['NORMAL', 'REALTIME']).default('NORMAL') }))
    .min(1)
    .default([{ code: 'MB', type: 'NORMAL' }]),
  validDate: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
});
const PayBody = z.object({
  type: z.literal('payment').default('payment'),
  amount: Cents,
  code: z.string().max(60).optional(),
  callbackUrl: z.string().optional(),
  paymentMethod: z.object({ code: z.literal('MW'), details: z.object({ phoneNumber: Phone }) }),
});
const TerminalBody = z.object({
  amount: Cents,
  code: z.string().max(60).optional(),
  summary: z.string().max(200).optional(),
});

export async function startPaypaySimulator(opts: PaypaySimulatorOptions = {}): Promise<PaypaySimulator> {
  const host = opts.host ?? '127.0.0.1';
  const now = opts.now ?? Date.now;
  const credentials = {
    platformCode: opts.platformCode ?? SIM_DEFAULTS.platformCode,
    privateKey: opts.privateKey ?? SIM_DEFAULTS.privateKey,
    clientId: opts.clientId ?? SIM_DEFAULTS.clientId,
  };
  const retryMs = opts.webhookRetryMs ?? 1_000;
  const hangMs = opts.hangMs ?? 30_000;
  const requests: PaypaySimulator['requests'] = [];
  const webhooks: PaypaySimulator['webhooks'] = [];
  const faults: Fault[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let webhookUrl: string | null = null;
  let duplicates = 0;
  let failFirst = 0;
  let webhookSeq = 400;
  let closed = false;

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };

  /** PayPay-Signature: hash = HMAC-SHA256(privateKey, rawBody + ts), lowercase hex (FACT §1.3). */
  const deliver = (body: string, id: string, action: string, attempt: number): void => {
    if (!webhookUrl || closed) return;
    const ts = String(Math.floor(now() / 1000));
    const hash = crypto
      .createHmac('sha256', credentials.privateKey)
      .update(Buffer.concat([Buffer.from(body), Buffer.from(ts)]))
      .digest('hex');
    const fail = failFirst > 0;
    if (fail) failFirst--;
    const url = new URL(webhookUrl);
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'paypay-signature': `hash=${fail ? '0'.repeat(64) : hash},ts=${ts}`,
        },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        webhooks.push({ id, action, status });
        if (![200, 201, 202, 204].includes(status) && attempt < 5)
          later(retryMs * attempt, () => deliver(body, id, action, attempt + 1));
      },
    );
    req.on('error', () => {
      webhooks.push({ id, action, status: 0 });
      if (attempt < 5) later(retryMs * attempt, () => deliver(body, id, action, attempt + 1));
    });
    req.end(body);
  };

  const onEvent = (e: SimEvent): void => {
    if (!webhookUrl) return;
    const id = String(++webhookSeq);
    const body = JSON.stringify({
      webhook: { id, action: e.action, createdAt: new Date(now()).toISOString() },
      payments: [account.json(e.payment)],
    });
    // After the state change is visible through the API (as with PayPay, the webhook follows the change).
    setImmediate(() => {
      deliver(body, id, e.action, 1);
      for (let i = 0; i < duplicates; i++) deliver(body, id, e.action, 5);
    });
  };
  const account = new PaypayAccount(now, onEvent);

  const send = (res: http.ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  };

  function authorised(req: http.IncomingMessage, needsClient: boolean): string | null {
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const expected = Buffer.from(`${credentials.platformCode}:${credentials.privateKey}`).toString('base64');
    if (!m || m[1] !== expected) return 'unauthorized';
    if (needsClient && req.headers['paypay-clientid'] !== credentials.clientId) return 'invalid_client';
    return null;
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const p = url.pathname.replace(/^\/api(?=\/)/, '');
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    requests.push({ method: req.method ?? '', path: p, key });
    const raw = await readBody(req);
    const fault = faults[0];
    if (fault) {
      if (--fault.left <= 0) faults.shift();
      if (fault.kind === '5xx')
        return send(res, 503, errorBody('service_unavailable', 'Serviço indisponível'));
    }
    const answer = (status: number, body: string): void => {
      if (fault?.kind === 'timeout') {
        // Processed, never answered: the client cannot know whether it happened.
        later(hangMs, () => req.socket.destroy());
        return;
      }
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      send(res, status, body);
    };
    const entity = /^\/entities\/([^/]+)$/.exec(p);
    const denied = authorised(req, !entity);
    if (denied === 'unauthorized')
      return answer(401, errorBody('unauthorized', 'Credenciais inválidas (Platform Code / Private Key).'));
    if (denied)
      return answer(403, errorBody('invalid_client', 'PayPay-ClientId inválido para esta integração.'));
    let json: unknown = {};
    if (raw.length) {
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        return answer(400, errorBody('invalid_json', 'Pedido JSON inválido.'));
      }
    }
    const invalid = (e: z.ZodError): void =>
      answer(
        422,
        errorBody('validation_error', e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
      );
    const notFound = (): void => answer(404, errorBody('not_found', 'Pagamento não encontrado.'));
    const paymentOut = (x: SimPayment, status = 200): void => answer(status, envelope(account.json(x)));
    account.sweep();

    if (entity && req.method === 'GET') {
      if (entity[1] !== credentials.clientId)
        return answer(404, errorBody('not_found', 'Entidade não encontrada.'));
      return answer(
        200,
        envelope({
          clientId: entity[1],
          name: 'Loja Demonstração, Lda.',
          stateDetails: { state: 'approved' },
        }),
      );
    }
    if (p === '/payments/references' && req.method === 'POST') {
      const b = RefBody.safeParse(json);
      if (!b.success) return invalid(b.error);
      const r = account.createReference(
        {
          amount: b.data.amount,
          code: b.data.code,
          mbType: b.data.availableMethods[0].type,
          validStart: b.data.validDate?.start,
          validEnd: b.data.validDate?.end,
        },
        key ?? undefined,
      );
      return paymentOut(r.payment, r.created ? 201 : 200);
    }
    if (p === '/payments' && req.method === 'POST') {
      const b = PayBody.safeParse(json);
      if (!b.success) return invalid(b.error);
      const r = account.createMbway(
        { amount: b.data.amount, code: b.data.code, phone: b.data.paymentMethod.details.phoneNumber },
        key ?? undefined,
      );
      return paymentOut(r.payment, r.created ? 201 : 200);
    }
    if (p === '/payments' && req.method === 'GET') {
      // ASSUMPTION (§6.2): list filters by field (`code`, `referenceDetails_reference`).
      const code = url.searchParams.get('code');
      const ref = url.searchParams.get('referenceDetails_reference');
      const list = [...account.payments.values()].filter(
        (x) => (code === null || x.code === code) && (ref === null || x.reference === ref),
      );
      return answer(200, envelope(list.map((x) => account.json(x))));
    }
    const one = /^\/payments\/(\d+)(\/cancel)?$/.exec(p);
    if (one) {
      const x = account.payments.get(one[1]);
      if (!x) return notFound();
      if (!one[2] && req.method === 'GET') return paymentOut(x);
      if (one[2] && req.method === 'POST') {
        // ASSUMPTION (REST cancel OPEN; SOAP cancelPayment): MB REALTIME / MB WAY are blocked at the network;
        // MB NORMAL is only marked cancelled and may still be paid.
        // An authorised card payment is undone by a reversal (FACT §6.1), not by a cancel.
        if (x.state === 'confirmed' || x.state === 'authorised' || x.cancelled)
          return answer(409, errorBody('not_allowed', 'O pagamento já não pode ser cancelado.'));
        account.cancel(x, 'merchant_cancelled');
        return paymentOut(x);
      }
    }
    if (p === '/terminals' && req.method === 'GET') {
      return answer(
        200,
        JSON.stringify({
          apiVersion: '1.0',
          date: new Date().toISOString(),
          success: true,
          data: account.terminals.map((t) => ({
            uuid: t.uuid,
            terminalId: t.terminalId,
            name: t.name,
            model: 'V240m',
            processor: 'SIBS',
            supplier: 'Verifone',
            features: {
              allowRemoteTransactions: t.cloud,
              allowGenerateQrCode: false,
              allowRealTimeTransactionSinchronization: true,
            },
            createdAt: '2026-01-05T10:00:00+00:00',
            updatedAt: '2026-01-05T10:00:00+00:00',
          })),
          meta: { totalPages: 1, totalCount: account.terminals.length, currentPage: 1 },
        }),
      );
    }
    const term = /^\/terminals\/([^/]+)\/(payments|refunds|reversals)(?:\/(\d+))?$/.exec(p);
    if (term) {
      const t = account.terminals.find((x) => x.uuid === term[1]);
      if (!t) return answer(404, errorBody('not_found', 'Terminal não encontrado.'));
      if (!t.cloud)
        return answer(422, errorBody('terminal_not_remote', 'O terminal não aceita transações remotas.'));
      if (term[2] === 'payments' && req.method === 'POST') {
        const b = TerminalBody.safeParse(json);
        if (!b.success) return invalid(b.error);
        const r = account.createTerminalPayment(t.uuid, b.data, key ?? undefined);
        if (r.created) later(TERMINAL_WINDOW_MS, () => account.sweep());
        return paymentOut(r.payment, r.created ? 201 : 200);
      }
      const x = term[3] ? account.payments.get(term[3]) : undefined;
      if (!x) return notFound();
      if (term[2] === 'refunds' && req.method === 'POST') {
        const b = z.object({ amount: Cents }).safeParse(json);
        if (!b.success) return invalid(b.error);
        // FACT §6.1: only a confirmed (settled) payment is refunded; before the settlement it is reversed.
        if (x.state !== 'confirmed' || x.cancelled || x.type !== 'payment')
          return answer(409, errorBody('not_allowed', 'Só um pagamento confirmado pode ser reembolsado.'));
        const again = key ? account.payments.get(account.keyed(`refund:${key}`) ?? '') : undefined;
        if (!again && b.data.amount > x.amount - x.refunded)
          return answer(422, errorBody('amount_exceeded', 'Montante acima do que falta reembolsar.'));
        const r = account.refund(x, b.data.amount, t.uuid, key ?? undefined);
        if (r.created) later(TERMINAL_WINDOW_MS + 50, () => account.sweep());
        return paymentOut(r.payment, r.created ? 201 : 200);
      }
      if (term[2] === 'reversals' && req.method === 'PATCH') {
        const again = key ? account.keyed(`reversal:${key}`) : undefined;
        if (!again && (x.state !== 'authorised' || x.cancelled))
          return answer(
            409,
            errorBody('not_allowed', 'Só um pagamento autorizado e por liquidar pode ser anulado.'),
          );
        return paymentOut(account.reverse(x, key ?? undefined).payment);
      }
    }
    return answer(404, errorBody('not_found', `Recurso desconhecido: ${req.method} ${p}`));
  }

  const Control = {
    pay: z.union([
      z.object({ reference: z.string().min(1), amount: Cents.optional() }).strict(),
      z.object({ paymentId: z.string().min(1), amount: Cents.optional() }).strict(),
    ]),
    mbway: z
      .object({ paymentId: z.string().min(1), outcome: z.enum(['accept', 'refuse', 'timeout']) })
      .strict(),
    terminal: z
      .object({ outcome: z.enum(['approve', 'decline', 'timeout']), paymentId: z.string().optional() })
      .strict(),
    settle: z.object({ paymentId: z.string().min(1) }).strict(),
    expire: z.object({ paymentId: z.string().min(1) }).strict(),
    fault: z
      .object({
        kind: z.enum(['5xx', 'timeout', 'reset']),
        count: z.number().int().min(0).max(1000).default(1),
      })
      .strict(),
    webhook: z
      .object({
        url: z.string().url().nullable(),
        duplicates: z.number().int().min(0).max(10).optional(),
        failFirst: z.number().int().min(0).max(10).optional(),
      })
      .strict(),
  };

  async function control(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const p = new URL(req.url ?? '/', 'http://sim').pathname;
    const raw = await readBody(req);
    let json: unknown = {};
    try {
      json = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return send(res, 400, JSON.stringify({ ok: false, error: 'JSON inválido' }));
    }
    const ok = (v: unknown = {}): void => send(res, 200, JSON.stringify({ ok: true, ...(v as object) }));
    const bad = (status: number, error: string): void =>
      send(res, status, JSON.stringify({ ok: false, error }));
    const parse = <S extends z.ZodType>(s: S): z.output<S> | null => {
      const r = s.safeParse(json);
      if (!r.success) bad(400, r.error.issues.map((i) => i.message).join('; '));
      return r.success ? (r.data as z.output<S>) : null;
    };
    account.sweep();
    if (req.method === 'GET' && p === '/control/payments')
      return ok({ payments: [...account.payments.values()].map((x) => account.json(x)) });
    if (req.method !== 'POST') return bad(404, 'desconhecido');
    switch (p) {
      case '/control/pay': {
        const b = parse(Control.pay);
        if (!b) return;
        const x = account.find(b);
        if (!x) return bad(404, 'Pagamento não encontrado.');
        const err = account.pay(x, b.amount);
        return err ? bad(409, err) : ok({ payment: account.json(x) });
      }
      case '/control/mbway': {
        const b = parse(Control.mbway);
        if (!b) return;
        const x = account.find(b);
        if (!x || x.method !== 'MW') return bad(404, 'Pagamento MB WAY não encontrado.');
        if (x.state !== 'pending_confirmation' && b.outcome !== 'accept')
          return bad(409, 'Já não está pendente.');
        if (b.outcome === 'accept') {
          const err = account.pay(x);
          return err ? bad(409, err) : ok({ payment: account.json(x) });
        }
        account.cancel(x, b.outcome === 'refuse' ? 'user_refused' : 'expired');
        return ok({ payment: account.json(x) });
      }
      case '/control/terminal': {
        // The card at the terminal: the last payment (or refund) waiting there, or the one named.
        const b = parse(Control.terminal);
        if (!b) return;
        const waiting = (x: SimPayment): boolean =>
          x.method === 'CC' &&
          (x.type === 'payment' || x.type === 'refund') &&
          x.state === 'pending_confirmation' &&
          !x.cancelled;
        const pend = [...account.payments.values()].filter(waiting);
        const x = b.paymentId ? account.payments.get(b.paymentId) : pend[pend.length - 1];
        if (!x || !waiting(x)) return bad(404, 'Nenhum pagamento à espera no terminal.');
        if (x.type === 'refund') account.resolveRefund(x, b.outcome);
        else if (b.outcome === 'approve') account.authorise(x);
        else account.cancel(x, b.outcome === 'decline' ? 'declined' : 'expired');
        return ok({ payment: account.json(x) });
      }
      case '/control/settle': {
        const b = parse(Control.settle);
        if (!b) return;
        const x = account.payments.get(b.paymentId);
        if (!x) return bad(404, 'Pagamento não encontrado.');
        const err = account.settle(x);
        return err ? bad(409, err) : ok({ payment: account.json(x) });
      }
      case '/control/expire': {
        const b = parse(Control.expire);
        if (!b) return;
        const x = account.find(b);
        if (!x) return bad(404, 'Pagamento não encontrado.');
        if (x.state === 'confirmed' || x.cancelled) return bad(409, 'Já não está pendente.');
        x.validEnd = new Date(now()).toISOString();
        account.cancel(x, 'expired');
        return ok({ payment: account.json(x) });
      }
      case '/control/fault': {
        const b = parse(Control.fault);
        if (!b) return;
        faults.length = 0;
        if (b.count > 0) faults.push({ kind: b.kind, left: b.count });
        return ok();
      }
      case '/control/webhook': {
        const b = parse(Control.webhook);
        if (!b) return;
        webhookUrl = b.url;
        duplicates = b.duplicates ?? 0;
        failFirst = b.failFirst ?? 0;
        return ok();
      }
      default:
        return bad(404, 'desconhecido');
    }
  }

  const serve = (fn: typeof api) =>
    http.createServer((req, res) => {
      fn(req, res).catch((e: unknown) => {
        if (!res.headersSent) send(res, 500, errorBody('internal', String(e)));
      });
    });
  const apiServer = serve(api);
  const controlServer = serve(control);
  for (const s of [apiServer, controlServer])
    s.on('connection', (sock: net.Socket) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
  const listen = (s: http.Server, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => resolve((s.address() as net.AddressInfo).port));
    });
  const port = await listen(apiServer, opts.port ?? 0);
  const controlPort = await listen(controlServer, opts.controlPort ?? 0);
  const h = host.includes(':') ? `[${host}]` : host;
  return {
    baseUrl: `http://${h}:${port}/api`,
    controlUrl: `http://${h}:${controlPort}`,
    port,
    controlPort,
    account,
    credentials,
    requests,
    webhooks,
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([apiServer, controlServer].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
