import { PosError } from '../../../shared/errors';
import { formatEuro } from '../../../shared/money';
import type { Core } from '../../core/core';
import type { ReferenceStateLabel } from '../../core/integrations/paypay/service';
import { parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

/**
 * `balcao paypay <action> …`: PayPay (Multibanco references on invoices, receipts on payment). Each action is
 * one entry of `actions`, like `balcao ilink`.
 */
interface PaypayAction {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const DATA_DIR_OPT = { 'data-dir': { type: 'string' as const, default: DEFAULT_DATA_DIR } };

async function withCore<T>(dataDir: string, fn: (core: Core) => Promise<T>): Promise<T> {
  // Loaded on use: `balcao --help` loads none of the core.
  const [{ createCore }, { createLogger }] = await Promise.all([
    import('../../core/core'),
    import('../../core/log/logger'),
  ]);
  const core = await createCore({
    dataDir,
    log: createLogger('paypay', () => undefined),
    cash: { settings: { kind: 'none' } },
  });
  try {
    return await fn(core);
  } finally {
    await core.stop('paypay');
  }
}

const configure: PaypayAction = {
  summary: 'guardar as credenciais do PayPay e testar a ligação',
  usage: `balcao paypay configure --base-url URL --platform-code C --private-key K --nif NIF
                       [--webhook-port N] [--mb-type NORMAL|REALTIME] [--validity-days D] [--data-dir PASTA]

  --base-url        API REST do PayPay (ex.: https://paypay.pt/api; em formação só 127.0.0.1)
  --platform-code   Platform Code da integração (utilizador da autenticação Basic)
  --private-key     Private Key da integração (palavra-passe; também assina os webhooks)
  --nif             NIF da entidade (cabeçalho PayPay-ClientId)
  --webhook-port    porta do recetor de webhooks (predefinição: desligado; usa-se a consulta periódica)`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        'platform-code': { type: 'string' },
        'private-key': { type: 'string' },
        nif: { type: 'string' },
        'webhook-port': { type: 'string' },
        'mb-type': { type: 'string' },
        'validity-days': { type: 'string' },
        ...DATA_DIR_OPT,
      },
    });
    const baseUrl = values['base-url'];
    if (!baseUrl || !values['platform-code'] || !values['private-key'] || !values.nif) {
      throw new PosError('VALIDATION', 'Indique --base-url, --platform-code, --private-key e --nif.');
    }
    return withCore(values['data-dir']!, async (core) => {
      const [{ assertAllowedHost }, { readPaypayConfig, writePaypayConfig }] = await Promise.all([
        import('../../core/integrations/paypay/transport'),
        import('../../core/integrations/paypay/config'),
      ]);
      assertAllowedHost(baseUrl, core.ctx.mode === 'training');
      const previous = readPaypayConfig(core.ctx.db);
      const parsed = (() => {
        try {
          return writePaypayConfig(core.ctx.db, {
            ...(previous ?? {}),
            baseUrl,
            platformCode: values['platform-code']!,
            privateKey: values['private-key']!,
            nif: values.nif!,
            ...(values['webhook-port'] ? { webhookPort: Number(values['webhook-port']) } : {}),
            ...(values['mb-type'] ? { mbType: values['mb-type'] } : {}),
            ...(values['validity-days'] ? { validityDays: Number(values['validity-days']) } : {}),
          });
        } catch (e) {
          const issues = (e as { issues?: Array<{ path: unknown[]; message: string }> }).issues;
          if (!issues) throw e;
          throw new PosError(
            'VALIDATION',
            `Configuração inválida: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        }
      })();
      core.ctx.audit('paypay.configured', null, { baseUrl: parsed.baseUrl, nif: parsed.nif });
      console.log(
        `PayPay configurado: ${parsed.baseUrl} (NIF ${parsed.nif}, referências ${parsed.mbType}, ${parsed.validityDays} dias).`,
      );
      try {
        const e = await core.paypay.testConnection();
        console.log(`Ligação testada: ${e.name}${e.state ? ` (${e.state})` : ''}.`);
      } catch (e) {
        console.log(
          `Aviso: não foi possível testar a ligação agora: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      return 0;
    });
  },
};

const reference: PaypayAction = {
  summary: 'criar (ou mostrar) a referência Multibanco de uma fatura em aberto',
  usage: `balcao paypay reference --doc "FT T1/3" [--data-dir PASTA]

  Escreve "entidade referência montante" (ex.: 12797 002492618 24.60).`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: { doc: { type: 'string' }, ...DATA_DIR_OPT },
    });
    if (!values.doc) throw new PosError('VALIDATION', 'Indique --doc (número da fatura, ex.: "FT T1F/3").');
    return withCore(values['data-dir']!, async (core) => {
      const key = /^\d+$/.test(values.doc!) ? Number(values.doc) : values.doc!;
      const row = await core.paypay.referenceFor(key);
      if (!row.entity || !row.reference) {
        const err = core.paypay.references().find((r) => r.id === row.id)?.error;
        console.error(
          `A referência de ${row.doc_no} foi pedida mas o PayPay ainda não respondeu${err ? ` (${err})` : ''}. Segue com balcao paypay sync --once.`,
        );
        return 1;
      }
      console.log(`${row.entity} ${row.reference} ${row.amount}`);
      return 0;
    });
  },
};

const sync: PaypayAction = {
  summary: 'fazer uma ronda: enviar pedidos em espera, consultar pagamentos pendentes, emitir recibos',
  usage: `balcao paypay sync --once [--data-dir PASTA]`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: { once: { type: 'boolean' }, ...DATA_DIR_OPT },
    });
    if (!values.once) throw new PosError('VALIDATION', 'Indique --once (uma ronda de consulta).');
    return withCore(values['data-dir']!, async (core) => {
      const s = await core.paypay.pollOnce();
      console.log(
        `PayPay: ${s.checked} consultadas, ${s.paid} pagas, ${s.expired} expiradas/canceladas, ${s.pending} por pagar, ${s.flagged} para o gerente verificar.` +
          (s.receipts.length ? ` Recibos emitidos: ${s.receipts.join(', ')}.` : ''),
      );
      for (const e of s.errors) console.log(`Aviso: ${e}`);
      return 0;
    });
  },
};

const LABEL: Record<ReferenceStateLabel, string> = {
  paga: 'paga',
  'por-pagar': 'por pagar',
  expirada: 'expirada',
  cancelada: 'cancelada',
};

const references: PaypayAction = {
  summary: 'listar as referências (Gestão de Referências)',
  usage: `balcao paypay references [--json] [--state paga|por-pagar|expirada|cancelada] [--data-dir PASTA]`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: { json: { type: 'boolean' }, state: { type: 'string' }, ...DATA_DIR_OPT },
    });
    const state = values.state as ReferenceStateLabel | undefined;
    const { REFERENCE_STATE_LABELS } = await import('../../core/integrations/paypay/service');
    if (state && !REFERENCE_STATE_LABELS.includes(state))
      throw new PosError('VALIDATION', `--state tem de ser ${REFERENCE_STATE_LABELS.join(', ')}.`);
    return withCore(values['data-dir']!, async (core) => {
      const list = core.paypay.references({ state });
      if (values.json) {
        console.log(JSON.stringify(list, null, 2));
        return 0;
      }
      if (!list.length) console.log('Sem referências.');
      for (const r of list) {
        const ref = r.entity && r.reference ? `${r.entity} ${r.reference}` : '(a pedir)';
        const parts = [
          (r.document ?? '').padEnd(14),
          ref.padEnd(16),
          formatEuro(r.amount).padStart(12),
          LABEL[r.state].padEnd(10),
          r.validUntil ? `válida até ${r.validUntil.slice(0, 10)}` : '',
          r.paidAt ? `paga em ${r.paidAt.slice(0, 10)}` : '',
          r.receipt ? `recibo ${r.receipt}` : '',
          r.flag ? `ATENÇÃO: ${r.flag}` : '',
          r.error ? `erro: ${r.error}` : '',
        ];
        console.log(parts.filter(Boolean).join('  '));
      }
      return 0;
    });
  },
};

const actions: Record<string, PaypayAction> = { configure, reference, sync, references };

export const paypayCommand: Command = {
  name: 'paypay',
  summary: 'Pôr referências Multibanco PayPay nas faturas, consultar os pagamentos e emitir os recibos',
  usage: `Utilização: balcao paypay <ação> [opções]

${Object.entries(actions)
  .map(([name, a]) => `  ${name.padEnd(11)} ${a.summary}`)
  .join('\n')}

${Object.values(actions)
  .map((a) => a.usage)
  .join('\n\n')}`,
  async run(argv) {
    const [name, ...rest] = argv;
    const action = name ? actions[name] : undefined;
    if (!action) {
      throw new PosError(
        'VALIDATION',
        `${name ? `Ação desconhecida: ${name}. ` : ''}Ações: ${Object.keys(actions).join(', ')} (ver balcao paypay --help).`,
      );
    }
    return action.run(rest);
  },
};
