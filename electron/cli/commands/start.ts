import { spawn } from 'node:child_process';
import { intOption, parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';
import { appBuildIsCurrent, buildApp } from '../build';
import { findElectron } from '../electron-runtime';
import { ROOT } from '../paths';
import { DEFAULT_PORT, serve } from './serve';

const FALLBACK = (reason: string): string =>
  `O Balcão não consegue abrir a janela do Electron nesta máquina: ${reason}. ` +
  'Em vez disso, arranca em modo navegador: o mesmo terminal, com os mesmos dados e a mesma interface, ' +
  'servido apenas a este computador (127.0.0.1). Abra o endereço abaixo no navegador. ' +
  'Para usar a janela do Electron, instale-o numa máquina com acesso à Internet e ambiente gráfico.';

/** Launches Electron; resolves with its exit code, or null if it could not be started at all. */
function launchElectron(binary: string, kiosk: boolean): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(binary, [ROOT, ...(kiosk ? ['--kiosk'] : [])], { stdio: 'inherit' });
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code ?? 0));
  });
}

export const startCommand: Command = {
  name: 'start',
  summary: 'Construir e abrir o Balcão (Electron; modo navegador se o Electron não puder arrancar)',
  usage: `Utilização: balcao start [--kiosk] [--port N] [--data-dir PASTA]

  --kiosk          ecrã inteiro sem moldura (PC de balcão)
  --port N         porta do modo navegador, se for usado (predefinição ${DEFAULT_PORT})
  --data-dir PASTA pasta de dados do modo navegador (predefinição ${DEFAULT_DATA_DIR}; o Electron usa a pasta userData)`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        kiosk: { type: 'boolean', default: false },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const port = intOption('port', values.port, { min: 0, max: 65535 });
    // The build takes seconds; skip it when out/ was built from the sources as they are now.
    if (!appBuildIsCurrent()) {
      console.log('A construir o Balcão…');
      if (!buildApp()) {
        console.error('Erro: a construção falhou (electron-vite build). Veja as mensagens acima.');
        return 1;
      }
    }
    const runtime = findElectron();
    if (runtime.ok) {
      const code = await launchElectron(runtime.binary, values.kiosk);
      if (code !== null) return code;
      console.log(`\n${FALLBACK('o Electron não arrancou')}\n`);
    } else {
      console.log(`\n${FALLBACK(runtime.reason)}\n`);
    }
    return serve({ port, host: '127.0.0.1', dataDir: values['data-dir'] });
  },
};
