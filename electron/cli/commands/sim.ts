import { intOption, parseCli, UsageError } from '../args';
import type { Command } from '../command';
import { SIM_DEFAULTS } from '../../simulators/ilink/defaults';

/**
 * `balcao sim <device> …`: runs a device simulator as its own process. Each simulator is one entry of
 * `simulators` (name → usage + run), so others (printers, displays) can be added without touching the rest.
 */
interface SimulatorEntry {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const port = (name: string, v: string | undefined, fallback: number): number =>
  intOption(name, v, { min: 0, max: 65535, fallback });

/** Runs until SIGINT/SIGTERM. */
const untilSignal = (): Promise<void> =>
  new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

const glory: SimulatorEntry = {
  summary: 'simular a Glory CI-5 (SOAP BrueBoxService + eventos TCP + API de controlo JSON)',
  usage: `Utilização: balcao sim glory [--soap-port N] [--control-port M] [--event-host H] [--host ADDR]
                             [--heartbeat-ms MS] [--auto-take-ms MS] [--no-session] [--no-occupy]

  --soap-port      porta do serviço SOAP /axis2/services/BrueBoxService (0 = livre; predefinição 9090)
  --control-port   porta da API de controlo JSON (predefinição 9091)
  --event-host     endereço para onde enviar os eventos (predefinição: o Url registado pelo posto)
  --host           endereço onde escutar (predefinição 127.0.0.1)
  --heartbeat-ms   intervalo do HeartBeatEvent (predefinição 10000)
  --auto-take-ms   o "cliente" retira o troco sozinho após MS (predefinição: esperar POST /control/take)

API de controlo: POST /control/insert {"denominations":[{"fv":2000,"piece":1}]}, POST /control/take,
POST /control/fault {"kind":"jam|door|power|network|heartbeat","devid":1|2}, POST /control/clear,
GET /control/inventory, GET /control/state, POST /control/stock, POST /control/config.`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        'soap-port': { type: 'string' },
        'control-port': { type: 'string' },
        'event-host': { type: 'string' },
        host: { type: 'string' },
        'heartbeat-ms': { type: 'string' },
        'auto-take-ms': { type: 'string' },
        'no-session': { type: 'boolean' },
        'no-occupy': { type: 'boolean' },
      },
    });
    const ms = { min: 0, max: 86_400_000 };
    const heartbeat = intOption('heartbeat-ms', values['heartbeat-ms'], { ...ms, fallback: 0 });
    const autoTake =
      values['auto-take-ms'] === undefined ? null : intOption('auto-take-ms', values['auto-take-ms'], ms);
    const soapPort = port('soap-port', values['soap-port'], 9090);
    const controlPort = port('control-port', values['control-port'], 9091);
    const { startGlorySimulator } = await import('../../simulators/glory');
    const sim = await startGlorySimulator({
      host: values.host ?? '127.0.0.1',
      soapPort,
      controlPort,
      eventHost: values['event-host'],
      settings: {
        ...(heartbeat > 0 ? { heartbeatMs: heartbeat } : {}),
        autoTakeMs: autoTake,
        sessionEnable: !values['no-session'],
        occupyEnable: !values['no-occupy'],
      },
    });
    // One machine-readable line first (tests and scripts read the ports from it), then the human text.
    console.log(
      JSON.stringify({
        simulator: 'glory',
        soapUrl: sim.soapUrl,
        soapPort: sim.soapPort,
        controlUrl: sim.controlUrl,
        controlPort: sim.controlPort,
      }),
    );
    console.log(
      `Simulador Glory CI-5: SOAP em ${sim.soapUrl}, controlo em ${sim.controlUrl}. Ctrl+C para terminar.`,
    );
    await untilSignal();
    await sim.close();
    return 0;
  },
};

const ilink: SimulatorEntry = {
  summary: 'simular o iLink (ACIN): API REST de faturação eletrónica + API de controlo JSON',
  usage: `balcao sim ilink [--port N] [--control-port M] [--host ADDR] [--time-factor F]

  --port           porta da API iLink (predefinição 5801; o endereço base é http://127.0.0.1:N/api/v1/pt)
  --control-port   porta da API de controlo JSON (predefinição 5802)
  --time-factor    acelera o tempo do limite de pedidos (200/min e bloqueio de 2 min divididos por F)

Credenciais de formação: OAuth2 ${SIM_DEFAULTS.clientId} / ${SIM_DEFAULTS.clientSecret} (NIF ${SIM_DEFAULTS.nif});
modo antigo: token ${SIM_DEFAULTS.legacyToken}, chave pública ${SIM_DEFAULTS.publicKey}.

API de controlo: POST /control/state {"number":"FT T1/3","state":"rejected","reason":"regularization"|"other"},
POST /control/received (corpo: XML UBL), POST /control/fault {"kind":"5xx"|"timeout"|"429"|"reset","count":N},
GET /control/documents.`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        port: { type: 'string' },
        'control-port': { type: 'string' },
        host: { type: 'string' },
        'time-factor': { type: 'string' },
      },
    });
    const factor = values['time-factor'] ? Number(values['time-factor']) : 1;
    if (!(factor > 0 && factor <= 10_000))
      throw new UsageError('--time-factor tem de ser um número entre 0 e 10000.');
    const { startIlinkSimulator } = await import('../../simulators/ilink');
    const sim = await startIlinkSimulator({
      host: values.host ?? '127.0.0.1',
      port: port('port', values.port, 5801),
      controlPort: port('control-port', values['control-port'], 5802),
      timeFactor: factor,
    });
    console.log(
      JSON.stringify({
        simulator: 'ilink',
        baseUrl: sim.baseUrl,
        port: sim.port,
        controlUrl: sim.controlUrl,
        controlPort: sim.controlPort,
      }),
    );
    console.log(
      `Simulador iLink: API em ${sim.baseUrl}, controlo em ${sim.controlUrl}. Ctrl+C para terminar.`,
    );
    await untilSignal();
    await sim.close();
    return 0;
  },
};

const paypay: SimulatorEntry = {
  summary: 'simular o PayPay (API REST: referências Multibanco, MB WAY, terminal Cloud, webhooks assinados)',
  usage: `balcao sim paypay [--port N] [--control-port M] [--host ADDR]
                  [--platform-code C] [--private-key K] [--nif NIF]

  --port           porta da API REST (base <url>/api; 0 = livre; predefinição 9190)
  --control-port   porta da API de controlo JSON (predefinição 9191)
  --host           endereço onde escutar (predefinição 127.0.0.1)
  --platform-code, --private-key, --nif   credenciais aceites (predefinição: as do simulador)

API de controlo: POST /control/pay {"reference":"…"} ou {"paymentId":"…"} [,"amount":cêntimos],
POST /control/mbway {"paymentId":"…","outcome":"accept|refuse|timeout"},
POST /control/terminal {"outcome":"approve|decline|timeout"}, POST /control/expire {"paymentId":"…"},
POST /control/fault {"kind":"5xx|timeout|reset","count":N}, POST /control/webhook {"url":"…"[,"duplicates":N]},
GET /control/payments.`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        port: { type: 'string' },
        'control-port': { type: 'string' },
        host: { type: 'string' },
        'platform-code': { type: 'string' },
        'private-key': { type: 'string' },
        nif: { type: 'string' },
      },
    });
    const { startPaypaySimulator } = await import('../../simulators/paypay');
    const sim = await startPaypaySimulator({
      host: values.host ?? '127.0.0.1',
      port: port('port', values.port, 9190),
      controlPort: port('control-port', values['control-port'], 9191),
      platformCode: values['platform-code'],
      privateKey: values['private-key'],
      clientId: values.nif,
    });
    console.log(
      JSON.stringify({
        simulator: 'paypay',
        baseUrl: sim.baseUrl,
        port: sim.port,
        controlUrl: sim.controlUrl,
        controlPort: sim.controlPort,
        ...sim.credentials,
      }),
    );
    console.log(
      `Simulador PayPay: API em ${sim.baseUrl}, controlo em ${sim.controlUrl} (platform code ${sim.credentials.platformCode}, NIF ${sim.credentials.clientId}). Ctrl+C para terminar.`,
    );
    await untilSignal();
    await sim.close();
    return 0;
  },
};

export const simulators: Record<string, SimulatorEntry> = { glory, ilink, paypay };

export const simCommand: Command = {
  name: 'sim',
  summary: 'Executar um simulador de dispositivo ou de serviço (ex.: balcao sim glory)',
  usage: `Utilização: balcao sim <dispositivo> [opções]\n\nDispositivos:\n${Object.entries(simulators)
    .map(([n, s]) => `  ${n.padEnd(8)} ${s.summary}`)
    .join('\n')}\n\n${Object.values(simulators)
    .map((s) => s.usage)
    .join('\n\n')}`,
  async run(argv) {
    const [name, ...rest] = argv;
    const entry = name ? simulators[name] : undefined;
    if (!entry) {
      throw new UsageError(
        `${name ? `Simulador desconhecido: ${name}. ` : ''}Indique o simulador: ${Object.keys(simulators).join(', ')}.`,
      );
    }
    if (rest.includes('--help')) {
      console.log(entry.usage);
      return 0;
    }
    try {
      return await entry.run(rest);
    } catch (e) {
      if (e instanceof UsageError) {
        if (!e.usage) e.usage = entry.usage;
        throw e;
      }
      console.error(`Erro: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  },
};
