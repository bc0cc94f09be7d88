import type { Core } from '../../core/core';
import type { IlinkAuth } from '../../core/integrations/ilink/client';
import type { IlinkSentRow } from '../../../shared/api/ilink';
import { parseCli, UsageError } from '../args';
import { DEFAULT_DATA_DIR } from '../command';

/**
 * `balcao ilink configure | sync | history`: the iLink wire from the command line. Each opens the data folder
 * with a core whose job runner is NOT started (nothing is delivered behind the command's back); `sync --once`
 * runs its one round explicitly.
 */
export interface IlinkAction {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

async function withCore<T>(dataDir: string, fn: (core: Core) => Promise<T>): Promise<T> {
  // Loaded on use: `balcao --help` loads none of the core.
  const [{ createCore }, { createLogger }] = await Promise.all([
    import('../../core/core'),
    import('../../core/log/logger'),
  ]);
  const core = await createCore({ dataDir, log: createLogger('ilink', () => undefined), startJobs: false });
  try {
    return await fn(core);
  } finally {
    await core.stop('cli');
  }
}

export const configure: IlinkAction = {
  summary: 'guardar o endereço e as credenciais iLink, e ligar/desligar o envio e a receção',
  usage: `balcao ilink configure --base-url URL (--client-id ID --client-secret S | --token T --public-key K --nif N)
                       [--send auto|manual|off] [--receive on|off] [--data-dir PASTA]

  --base-url URL        ex.: https://ilink.acin.pt/ilinktests-api/api/v1/pt (em formação só 127.0.0.1)
  --client-id/--client-secret   OAuth2 (recomendado pelo iLink)
  --token/--public-key/--nif    modo antigo: token da plataforma + chave pública do NIF (cabeçalho entity)
  --send                envio automático (predefinição), manual ou desligado
  --receive             receção de documentos de compra (predefinição off)
  Os segredos ficam cifrados na pasta de dados. Ligar o envio põe em fila os documentos elegíveis ainda não enviados.`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        token: { type: 'string' },
        'public-key': { type: 'string' },
        nif: { type: 'string' },
        send: { type: 'string', default: 'auto' },
        receive: { type: 'string', default: 'off' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    if (!values['base-url']) throw new UsageError('Indique --base-url (endereço da API iLink).');
    let auth: IlinkAuth;
    if (values['client-id'] || values['client-secret']) {
      if (!values['client-id'] || !values['client-secret'] || values.token)
        throw new UsageError('OAuth2: indique --client-id e --client-secret (e não --token).');
      auth = { mode: 'oauth2', clientId: values['client-id'], clientSecret: values['client-secret'] };
    } else if (values.token || values['public-key'] || values.nif) {
      if (!values.token || !values['public-key'] || !values.nif || !/^\d{9}$/.test(values.nif))
        throw new UsageError('Modo antigo: indique --token, --public-key e --nif (9 dígitos).');
      auth = { mode: 'legacy', token: values.token, publicKey: values['public-key'], nif: values.nif };
    } else {
      throw new UsageError(
        'Indique as credenciais: --client-id e --client-secret, ou --token, --public-key e --nif.',
      );
    }
    const send = values.send;
    if (send !== 'auto' && send !== 'manual' && send !== 'off')
      throw new UsageError('--send tem de ser auto, manual ou off.');
    if (values.receive !== 'on' && values.receive !== 'off')
      throw new UsageError('--receive tem de ser on ou off.');
    try {
      new URL(values['base-url']);
    } catch {
      throw new UsageError(`--base-url não é um endereço válido: ${values['base-url']}`);
    }
    const receive = values.receive === 'on';
    const { queued } = await withCore(values['data-dir'], async (core) =>
      core.ilink.configure({ baseUrl: values['base-url']!, auth, send, receive }),
    );
    console.log(
      `iLink configurado: ${values['base-url']} (${auth.mode === 'oauth2' ? `OAuth2 ${auth.clientId}` : `NIF ${auth.nif}`}), envio ${send}, receção ${receive ? 'ligada' : 'desligada'}; ${queued} documentos em fila.`,
    );
    return 0;
  },
};

export const sync: IlinkAction = {
  summary: 'fazer uma ronda: entregar o que está em fila, ler os estados, importar os recebidos',
  usage: `balcao ilink sync --once [--data-dir PASTA]

  Sai com 0 quando a ronda correu (documentos recusados ficam registados), 1 quando o iLink não
  responde ou recusa a autenticação.`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        once: { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    if (!values.once)
      throw new UsageError('Indique --once (uma ronda; a sincronização contínua corre com balcao serve).');
    const r = await withCore(values['data-dir'], (core) => core.ilink.syncOnce());
    (r.ok ? console.log : console.error)(r.summary);
    return r.ok ? 0 : 1;
  },
};

/** `--sent` here; the purchases side adds `--imported` as another entry of `views`. */
export const historyViews: Record<string, (core: Core) => Promise<Record<string, unknown>[]>> = {
  sent: async (core) => {
    const { sentRow } = await import('../../core/integrations/ilink/history');
    return core.ilink.history().map(sentRow);
  },
};

export const history: IlinkAction = {
  summary: 'mostrar o histórico de envio (--sent) ou de importação',
  usage: `balcao ilink history --sent [--json] [--data-dir PASTA]`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        sent: { type: 'boolean', default: false },
        imported: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const view = Object.keys(historyViews).find((v) => values[v as 'sent' | 'imported']);
    if (!view)
      throw new UsageError(
        `Indique ${Object.keys(historyViews)
          .map((v) => `--${v}`)
          .join(' ou ')}.`,
      );
    const rows = await withCore(values['data-dir'], (core) => historyViews[view]!(core));
    if (values.json) {
      console.log(JSON.stringify(rows, null, 2));
      return 0;
    }
    if (!rows.length) console.log('Sem documentos.');
    for (const r of rows) {
      const h = r as IlinkSentRow;
      console.log(
        [
          h.number,
          h.type,
          h.customer,
          h.sentAt ?? '—',
          h.state,
          h.success ? '✓' : `✗ ${h.error ?? ''}`.trim(),
        ].join(' | '),
      );
    }
    return 0;
  },
};
