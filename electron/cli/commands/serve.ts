import { intOption, parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const DEFAULT_PORT = 5790;

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
}

/** Starts the core and browser mode; resolves when the process is asked to stop. */
export async function serve(o: ServeOptions): Promise<number> {
  // Loaded here, not at the top: `balcao --help` must not pay for the core.
  const [{ createCore }, { createLogger }, { startServer }, { ensureRendererBuilt }, { RENDERER_DIR }] =
    await Promise.all([
      import('../../core/core'),
      import('../../core/log/logger'),
      import('../../server/http-server'),
      import('../build'),
      import('../paths'),
    ]);
  const log = createLogger('balcao');
  ensureRendererBuilt();
  const core = await createCore({ dataDir: o.dataDir, log });
  let server;
  try {
    server = await startServer({
      core,
      host: o.host,
      port: o.port,
      staticDir: RENDERER_DIR,
      log: log.child('server'),
    });
  } catch (e) {
    await core.stop('listen failed');
    if ((e as { code?: string }).code === 'EADDRINUSE') {
      console.error(`Erro: a porta ${o.port} já está em uso. Indique outra com --port.`);
      return 1;
    }
    throw e;
  }
  console.log(`Balcão (${core.ctx.mode === 'training' ? 'modo formação' : 'produção'}) em ${server.url}`);
  console.log(`Dados em ${core.ctx.dataDir}. Ctrl+C para terminar.`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await core.stop('shutdown');
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Iniciar o modo navegador (interface e API em http://127.0.0.1)',
  usage: `Utilização: balcao serve [--port N] [--host 127.0.0.1] [--data-dir PASTA]

  --port N         porta HTTP (predefinição ${DEFAULT_PORT})
  --host H         endereço de escuta (predefinição 127.0.0.1; só loopback é recomendado)
  --data-dir PASTA pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        port: { type: 'string', default: String(DEFAULT_PORT) },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const port = intOption('port', values.port, { min: 0, max: 65535 });
    return serve({ port, host: values.host, dataDir: values['data-dir'] });
  },
};
