import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EodRecord } from '../../../shared/api/eod';
import { tempDir } from '../../helpers/tmp';
import { drawerSale, LEITE, machineSale, PAO, till, today } from './eod-helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

/** A day traded through the real checkout (CI-5 simulator + drawer) in `dataDir`, the shift closed with `counted`. */
async function tradedDay(dataDir: string, counted: string): Promise<void> {
  const y = await till(dataDir);
  await y.t.call('shifts/open', { openingFloat: '20.00' }, y.caixa);
  await machineSale(y, PAO, '2', [500]);
  await drawerSale(y, LEITE, '1', '1.00');
  await y.t.call('shifts/close', { countedCash: counted, print: false }, y.caixa);
  await y.t.core.jobs.drain(); // the receipts printed
  await y.t.close();
}

describe('balcao eod (real process, real SQLite file)', () => {
  const tmp = tempDir('balcao-eod-cli-');
  const good = path.join(tmp.dir, 'good');
  const short = path.join(tmp.dir, 'short');
  const out = path.join(tmp.dir, 'out');
  const day = today();
  beforeAll(async () => {
    await tradedDay(good, '20.95');
    await tradedDay(short, '20.45');
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('a balanced day: exit 0, the verdict in one line, PDF/CSV/JSON written from the record', () => {
    const r = balcao('eod', '--date', day, '--out', out, '--data-dir', good);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([`Fecho de ${day}: tudo certo. (versão 1)`]);
    const record = EodRecord.parse(JSON.parse(fs.readFileSync(path.join(out, `fecho-${day}.json`), 'utf8')));
    const csv = fs
      .readFileSync(path.join(out, `fecho-${day}.csv`), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('secao;item;esperado;real;diferenca;explicacao;resultado');
    const lines = record.sections.reduce((n, s) => n + (s.configured ? s.lines.length : 1), 0);
    expect(csv).toHaveLength(1 + lines);
    expect(csv).toContain(
      'Numerário;CI-5 — vendas: pagamentos dos documentos ⇄ diário da máquina;3.78;3.78;0.00;;certo',
    );
    expect(csv).toContain('Cartões;não configurado;;;;;');

    // The PDF: sections, totals, page n/N (pdftotext), and a page rendered as a PNG artefact (pdftoppm).
    const pdf = path.join(out, `fecho-${day}.pdf`);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    for (const s of [
      'Fecho do dia',
      'Documentos',
      'Numerário',
      'Dispositivos e fila',
      'não configurado',
      'Vendas por hora',
      'Vendas por família',
      '3,78 €',
      '0,95 €',
    ])
      expect(text.stdout).toContain(s);
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let i = 1; i <= pages; i++) expect(text.stdout).toContain(`página ${i}/${pages}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const png = spawnSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '2',
      '-l',
      '2',
      '-singlefile',
      pdf,
      path.join(ARTIFACTS, 'eod-charts'),
    ]);
    expect(png.status).toBe(0);
    expect(fs.statSync(path.join(ARTIFACTS, 'eod-charts.png')).size).toBeGreaterThan(2000);

    // A second run with nothing new: same version, still exit 0.
    const again = balcao('eod', '--date', day, '--out', out, '--data-dir', good);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('(versão 1, sem alterações)');
  }, 180_000);

  it('a drawer short by a coin: exit 3, the difference listed with its shift, to the cent', () => {
    const r = balcao('eod', '--date', day, '--out', out, '--data-dir', short);
    expect(r.status, r.stderr).toBe(3);
    const [verdict, ...rest] = r.stdout.trim().split('\n');
    expect(verdict).toBe(
      `Fecho de ${day}: com diferenças por explicar (numerário); 0,50 € por explicar. (versão 1)`,
    );
    expect(rest).toEqual([
      expect.stringMatching(
        /^ {2}\[por-explicar\] Numerário: Gaveta — turno 1 \(Z 1\).*diferença −0,50 € — .*em falta 0,50 €/,
      ),
    ]);
    const csv = fs.readFileSync(path.join(out, `fecho-${day}.csv`), 'utf8');
    expect(csv).toMatch(
      /Numerário;Gaveta — turno 1 \(Z 1\)[^;]*;20\.95;20\.45;-0\.50;[^;]*em falta 0,50 €[^;]*;por-explicar/,
    );
  });

  it('a bad date or a missing data folder: exit 1 with a pt-PT message', () => {
    const r = balcao('eod', '--date', '2026-13-40', '--out', out, '--data-dir', good);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Data inválida');
    const m = balcao('eod', '--data-dir', path.join(tmp.dir, 'nowhere'));
    expect(m.status).toBe(1);
    expect(m.stderr).toContain('Não há base de dados');
  }, 120_000);
});
