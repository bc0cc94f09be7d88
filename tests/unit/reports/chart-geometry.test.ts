import { describe, expect, it } from 'vitest';
import { barChart, dayCharts, eurosLabel, positionChart } from '../../../shared/charts/geometry';

/** The chart geometry both the PDF (pdfkit) and the screen (SVG) draw: numbers in, primitives out. */
describe('chart geometry', () => {
  const box = { width: 300, height: 160 };

  it('bars are proportional to the cents, on one baseline, labelled in pt-PT euros', () => {
    const c = barChart(
      'Vendas por família',
      [
        { label: 'Padaria', cents: 378 },
        { label: 'Laticínios', cents: 95 },
      ],
      box,
    );
    const bars = c.prims.filter((p) => p.t === 'rect');
    expect(bars).toHaveLength(2);
    const [a, b] = bars as Array<{ y: number; h: number }>;
    expect(a.y + a.h).toBeCloseTo(b.y + b.h, 6); // same baseline (zero)
    expect(a.h / b.h).toBeCloseTo(378 / 95, 6);
    const texts = c.prims.filter((p) => p.t === 'text').map((p) => (p as { text: string }).text);
    expect(texts).toEqual(
      expect.arrayContaining(['Vendas por família', 'Padaria', '3,78 €', 'Laticínios', '0,95 €']),
    );
  });

  it('a negative bar (returns over sales) hangs below the zero line', () => {
    const c = barChart(
      'x',
      [
        { label: 'a', cents: 500 },
        { label: 'b', cents: -200 },
      ],
      box,
    );
    const [pos, neg] = c.prims.filter((p) => p.t === 'rect') as Array<{ y: number; h: number }>;
    expect(neg.y).toBeCloseTo(pos.y + pos.h, 6);
  });

  it('the cash position is a step line through every point; empty series say so', () => {
    const c = positionChart(
      'Numerário',
      [
        { at: '2026-12-01T09:00:00.000Z', cents: 2000 },
        { at: '2026-12-01T10:00:00.000Z', cents: 2378 },
      ],
      box,
      (iso) => iso.slice(11, 16),
    );
    const line = c.prims.find((p) => p.t === 'poly') as { points: Array<[number, number]> };
    expect(line.points).toHaveLength(5);
    expect(line.points[2][1]).toBeLessThan(line.points[0][1]); // up from zero to 20 €
    expect(positionChart('N', [], box, () => '').prims).toContainEqual(
      expect.objectContaining({ text: 'Sem movimentos' }),
    );
    expect(barChart('B', [], box).prims).toContainEqual(expect.objectContaining({ text: 'Sem dados' }));
  });

  it('the day report has its four charts; euros are exact from integer cents', () => {
    const charts = dayCharts(
      { byHour: [{ hour: 9, cents: 1 }], byMethod: [], byFamily: [], cashPosition: [] },
      box,
      () => '',
    );
    expect(charts.map((c) => c.title)).toEqual([
      'Vendas por hora',
      'Vendas por meio de pagamento',
      'Vendas por família',
      'Numerário ao longo do dia (gaveta + CI-5)',
    ]);
    expect(eurosLabel(123456789)).toBe('1 234 567,89 €');
    expect(eurosLabel(-50)).toBe('−0,50 €');
  });
});
