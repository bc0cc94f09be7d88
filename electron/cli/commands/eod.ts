import fs from 'node:fs';
import path from 'node:path';
import { parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const eodCommand: Command = {
  name: 'eod',
  summary: 'Fazer o fecho do dia: reconciliar documentos, numerário e dispositivos; escrever PDF, CSV e JSON',
  usage: `Utilização: balcao eod [--date AAAA-MM-DD] [--out PASTA] [--data-dir PASTA]

  Corre a reconciliação do dia (predefinição: hoje) numa ligação só de leitura e guarda o registo do
  fecho (uma nova versão só se algo mudou desde o último). Escreve fecho-AAAA-MM-DD.pdf, .csv e .json
  na pasta indicada e mostra o resultado numa linha.
  Sai com 0 quando tudo está certo, 3 quando há diferenças (listadas), 1 em caso de erro.

  --date AAAA-MM-DD  o dia (predefinição: hoje)
  --out PASTA        onde escrever os ficheiros (predefinição: a pasta atual)
  --data-dir PASTA   pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        date: { type: 'string' },
        out: { type: 'string', default: '.' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    // Loaded on use: `balcao --help` loads none of the core.
    const [
      { z },
      { PosError },
      { DB_FILE },
      { migrateToLatest },
      { openDatabase },
      { createLogger },
      { eodCsv },
      { today },
      { renderEodPdf },
      { runEod },
      { euros },
      { readSetting, SETTING },
      { systemClock },
    ] = await Promise.all([
      import('zod'),
      import('../../../shared/errors'),
      import('../../core/core'),
      import('../../core/db/migrate'),
      import('../../core/db/open'),
      import('../../core/log/logger'),
      import('../../core/reports/eod/csv'),
      import('../../core/reports/eod/day'),
      import('../../core/reports/eod/pdf'),
      import('../../core/reports/eod/run'),
      import('../../core/reports/eod/types'),
      import('../../core/system/settings'),
      import('../../core/util/clock'),
    ]);
    const dataDir = path.resolve(values['data-dir']);
    const file = path.join(dataDir, DB_FILE);
    if (!fs.existsSync(file)) throw new PosError('NOT_FOUND', `Não há base de dados em "${dataDir}".`);
    const day = values.date ?? today(systemClock.now());
    const db = openDatabase(file);
    try {
      // The record is written through this connection: the schema must have its table (0650).
      await migrateToLatest(
        db,
        createLogger('eod', () => undefined),
      );
      const terminalId = readSetting(db, SETTING.terminalId, z.string().min(1).max(10)) ?? 'T1';
      const { record, created } = await runEod({
        db,
        dataDir,
        terminalId,
        clock: systemClock,
        day,
        trigger: 'cli',
      });
      const out = path.resolve(values.out);
      fs.mkdirSync(out, { recursive: true });
      const base = path.join(out, `fecho-${day}`);
      fs.writeFileSync(`${base}.json`, JSON.stringify(record, null, 2) + '\n');
      fs.writeFileSync(`${base}.csv`, eodCsv(record));
      fs.writeFileSync(`${base}.pdf`, await renderEodPdf(record));
      console.log(`${record.verdict} (versão ${record.version}${created ? '' : ', sem alterações'})`);
      const differences = record.sections.flatMap((s) =>
        s.lines.filter((l) => l.light !== 'certo').map((l) => ({ s, l })),
      );
      for (const { s, l } of differences) {
        const money = l.differenceCents !== null ? ` diferença ${euros(l.differenceCents)}` : '';
        console.log(
          `  [${l.light}] ${s.title}: ${l.item}${money}${l.explanation ? ` — ${l.explanation}` : ''}`,
        );
      }
      // ASSUMPTION: "everything reconciles" = every line certo; explained differences are still differences (3).
      return record.light === 'certo' ? 0 : 3;
    } finally {
      db.close();
    }
  },
};
