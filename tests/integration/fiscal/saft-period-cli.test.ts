import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 15, item 13: `balcao saft` took an 80-year period without a word (and impossible dates such as
 * 2026-02-30 or a year before the XSD's 2000). The header's FiscalYear/StartDate/EndDate follow the period's
 * rules (saft/period.ts); a period the AT does not expect is exported with a warning. Real processes.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('balcao saft: the period and the header (real processes)', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  const out = path.join(tmp.dir, 'saft.xml');
  const header = (): Record<string, string> => {
    const xml = new TextDecoder('windows-1252').decode(fs.readFileSync(out));
    return new XMLParser({ parseTagValue: false }).parse(xml).AuditFile.Header;
  };
  const saft = (from: string, to: string) =>
    balcao('saft', '--from', from, '--to', to, '--out', out, '--data-dir', data);
  beforeAll(() => {
    const r = balcao('demo', '--sales', '3', '--data-dir', data);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('a period across 80 fiscal years is exported with a warning naming them, FiscalYear its first year', () => {
    const r = saft('2020-01-01', '2099-12-31');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^AVISO: o período 2020-01-01 a 2099-12-31 atravessa 80 anos fiscais \(2020 a 2099\)/,
    );
    expect(r.stderr).toMatch(/a AT espera um ficheiro por mês ou por ano fiscal/);
    expect(header()).toMatchObject({ FiscalYear: '2020', StartDate: '2020-01-01', EndDate: '2099-12-31' });
  });

  it('a whole year or a whole month: no warning, FiscalYear of that year', () => {
    const year = new Date().toISOString().slice(0, 4);
    const y = saft(`${year}-01-01`, `${year}-12-31`);
    expect(y.status, y.stderr).toBe(0);
    expect(y.stderr).toBe('');
    expect(header()).toMatchObject({
      FiscalYear: year,
      StartDate: `${year}-01-01`,
      EndDate: `${year}-12-31`,
    });
    const m = saft('2024-02-01', '2024-02-29');
    expect(m.status, m.stderr).toBe(0);
    expect(m.stderr).toBe('');
    expect(header()).toMatchObject({ FiscalYear: '2024', StartDate: '2024-02-01', EndDate: '2024-02-29' });
  });

  it('part of a month is exported, with a milder warning that shows the whole month', () => {
    const r = saft('2025-03-05', '2025-03-20');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/não é um mês nem um ano completo.*--from 2025-03-01 --to 2025-03-31/);
  });

  it('impossible dates and years before 2000 are refused, and no file is written', () => {
    fs.rmSync(out, { force: true });
    for (const [from, to] of [
      ['2025-02-30', '2025-03-31'],
      ['1999-12-01', '1999-12-31'],
      ['2025-13-01', '2025-12-31'],
      ['2025-05-01', '2025-04-30'],
    ]) {
      const r = saft(from, to);
      expect(r.status, `${from}..${to}`).toBe(1);
      expect(r.stderr).toMatch(/Indique um período válido/);
      expect(fs.existsSync(out)).toBe(false);
    }
  });
});
