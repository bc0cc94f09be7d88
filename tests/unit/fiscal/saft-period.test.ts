import { describe, expect, it } from 'vitest';
import { saftPeriod } from '../../../electron/core/fiscal/saft/period';

describe('saftPeriod (SAF-T header period rules)', () => {
  it('a calendar year and a month have no warning', () => {
    expect(saftPeriod('2026-01-01', '2026-12-31')).toEqual({
      fiscalYear: 2026,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      warnings: [],
    });
    expect(saftPeriod('2023-02-01', '2023-02-28').warnings).toEqual([]);
    expect(saftPeriod('2024-02-01', '2024-02-29').warnings).toEqual([]);
  });

  it('crossing fiscal years warns once, with the count and the first year as FiscalYear', () => {
    const p = saftPeriod('2025-12-01', '2026-01-31');
    expect(p.fiscalYear).toBe(2025);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/atravessa 2 anos fiscais \(2025 a 2026\)/);
  });

  it('part of a month or of a year warns mildly', () => {
    expect(saftPeriod('2024-02-01', '2024-02-28').warnings[0]).toMatch(/--to 2024-02-29/);
    expect(saftPeriod('2026-01-01', '2026-06-30').warnings[0]).toMatch(/não é um mês nem um ano completo/);
  });

  it('refuses impossible dates, the time before the XSD span and a reversed period', () => {
    for (const [a, b] of [
      ['2023-02-29', '2023-03-01'],
      ['2026-04-31', '2026-05-01'],
      ['1999-12-31', '2000-01-31'],
      ['2026-1-01', '2026-01-31'],
      ['2026-02-01', '2026-01-31'],
    ]) {
      expect(() => saftPeriod(a, b), `${a}..${b}`).toThrow(/Indique um período válido/);
    }
  });
});
