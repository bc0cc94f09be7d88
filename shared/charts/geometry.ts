/**
 * Chart geometry as plain drawing primitives in a box (origin top-left, units = points or pixels): the same
 * output is drawn by pdfkit (electron/core/reports/eod/pdf.ts) and by an SVG React component in the renderer.
 * Why no chart library: none is installed (node_modules has no chart package and `npm install` is not ours to
 * run); a pure function needs no DOM, no canvas, no fonts and no `eval`/inline styles, so it works offline, under
 * the renderer's CSP, and in a PDF alike, and its numbers are the record's own (nothing is recomputed).
 * Amounts are integer cents; labels are pt-PT.
 */
export type Prim =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { t: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { t: 'poly'; points: Array<[number, number]>; stroke: string; width: number }
  | {
      t: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
    };

export interface Chart {
  title: string;
  width: number;
  height: number;
  prims: Prim[];
}

export const CHART_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];
const AXIS = '#6b7280';
const GRID = '#e5e7eb';
const TEXT = '#111827';

/** "1 234,56 €" from cents, integer arithmetic only. */
export function eurosLabel(cents: number, withCents = true): string {
  const sign = cents < 0 ? '−' : '';
  const a = Math.abs(cents);
  const int = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return withCents ? `${sign}${int},${String(a % 100).padStart(2, '0')} €` : `${sign}${int} €`;
}

/** A "nice" step (1, 2, 5 × 10^n cents) giving about `n` ticks over [0, span]. */
function niceStep(span: number, n: number): number {
  if (span <= 0) return 100;
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return Math.max(1, (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p);
}

interface Scale {
  y(v: number): number;
  ticks: number[];
}

function yScale(min: number, max: number, top: number, bottom: number): Scale {
  const lo = Math.min(0, min);
  const hiRaw = Math.max(0, max);
  const step = niceStep(hiRaw - lo || 100, 4);
  const l = Math.floor(lo / step) * step;
  const h = Math.max(Math.ceil(hiRaw / step) * step, l + step);
  const ticks: number[] = [];
  for (let v = l; v <= h; v += step) ticks.push(v);
  return { y: (v) => bottom - ((v - l) / (h - l)) * (bottom - top), ticks };
}

const LEFT = 58;
const TOP = 22;

function frame(title: string, width: number, height: number, s: Scale, bottom: number): Prim[] {
  const prims: Prim[] = [{ t: 'text', x: 0, y: 12, text: title, size: 10, anchor: 'start', fill: TEXT }];
  for (const v of s.ticks) {
    const y = s.y(v);
    prims.push({
      t: 'line',
      x1: LEFT,
      y1: y,
      x2: width,
      y2: y,
      stroke: v === 0 ? AXIS : GRID,
      width: v === 0 ? 1 : 0.5,
    });
    prims.push({
      t: 'text',
      x: LEFT - 4,
      y: y + 3,
      text: eurosLabel(v, false),
      size: 7,
      anchor: 'end',
      fill: AXIS,
    });
  }
  prims.push({ t: 'line', x1: LEFT, y1: TOP, x2: LEFT, y2: bottom, stroke: AXIS, width: 1 });
  void height;
  return prims;
}

/** Vertical bars, one per item, in the given order. */
export function barChart(
  title: string,
  items: ReadonlyArray<{ label: string; cents: number }>,
  box: { width: number; height: number },
): Chart {
  const bottom = box.height - 26;
  const s = yScale(
    Math.min(0, ...items.map((i) => i.cents)),
    Math.max(0, ...items.map((i) => i.cents)),
    TOP,
    bottom,
  );
  const prims = frame(title, box.width, box.height, s, bottom);
  const slot = items.length ? (box.width - LEFT - 4) / items.length : 0;
  const w = Math.max(2, Math.min(40, slot * 0.7));
  items.forEach((it, i) => {
    const cx = LEFT + 4 + slot * i + slot / 2;
    const y0 = s.y(0);
    const y1 = s.y(it.cents);
    prims.push({
      t: 'rect',
      x: cx - w / 2,
      y: Math.min(y0, y1),
      w,
      h: Math.abs(y1 - y0),
      fill: CHART_COLOURS[i % CHART_COLOURS.length],
    });
    prims.push({ t: 'text', x: cx, y: bottom + 11, text: it.label, size: 7, anchor: 'middle', fill: TEXT });
    prims.push({
      t: 'text',
      x: cx,
      y: bottom + 21,
      text: eurosLabel(it.cents),
      size: 6,
      anchor: 'middle',
      fill: AXIS,
    });
  });
  if (!items.length)
    prims.push({
      t: 'text',
      x: box.width / 2,
      y: box.height / 2,
      text: 'Sem dados',
      size: 9,
      anchor: 'middle',
      fill: AXIS,
    });
  return { title, width: box.width, height: box.height, prims };
}

/** A step line of a running total over time (ms since epoch), labelled with local hours. */
export function positionChart(
  title: string,
  points: ReadonlyArray<{ at: string; cents: number }>,
  box: { width: number; height: number },
  hourOf: (iso: string) => string,
): Chart {
  const bottom = box.height - 16;
  const s = yScale(
    Math.min(0, ...points.map((p) => p.cents)),
    Math.max(0, ...points.map((p) => p.cents)),
    TOP,
    bottom,
  );
  const prims = frame(title, box.width, box.height, s, bottom);
  if (!points.length) {
    prims.push({
      t: 'text',
      x: box.width / 2,
      y: box.height / 2,
      text: 'Sem movimentos',
      size: 9,
      anchor: 'middle',
      fill: AXIS,
    });
    return { title, width: box.width, height: box.height, prims };
  }
  const t0 = Date.parse(points[0].at);
  const t1 = Math.max(Date.parse(points[points.length - 1].at), t0 + 1);
  const x = (iso: string): number => LEFT + 4 + ((Date.parse(iso) - t0) / (t1 - t0)) * (box.width - LEFT - 8);
  const path: Array<[number, number]> = [[x(points[0].at), s.y(0)]];
  for (const p of points) {
    path.push([x(p.at), path[path.length - 1][1]]);
    path.push([x(p.at), s.y(p.cents)]);
  }
  prims.push({ t: 'poly', points: path, stroke: CHART_COLOURS[0], width: 1.5 });
  prims.push({
    t: 'text',
    x: x(points[0].at),
    y: bottom + 11,
    text: hourOf(points[0].at),
    size: 7,
    anchor: 'start',
    fill: AXIS,
  });
  const last = points[points.length - 1];
  prims.push({
    t: 'text',
    x: x(last.at),
    y: bottom + 11,
    text: hourOf(last.at),
    size: 7,
    anchor: 'end',
    fill: AXIS,
  });
  return { title, width: box.width, height: box.height, prims };
}

/** The four charts of the day report, from the record's chart series. */
export function dayCharts(
  c: {
    byHour: ReadonlyArray<{ hour: number; cents: number }>;
    byMethod: ReadonlyArray<{ name: string; cents: number }>;
    byFamily: ReadonlyArray<{ family: string; cents: number }>;
    cashPosition: ReadonlyArray<{ at: string; cents: number }>;
  },
  box: { width: number; height: number },
  hourOf: (iso: string) => string,
): Chart[] {
  return [
    barChart(
      'Vendas por hora',
      c.byHour.map((h) => ({ label: `${String(h.hour).padStart(2, '0')}h`, cents: h.cents })),
      box,
    ),
    barChart(
      'Vendas por meio de pagamento',
      c.byMethod.map((m) => ({ label: m.name, cents: m.cents })),
      box,
    ),
    barChart(
      'Vendas por família',
      c.byFamily.map((f) => ({ label: f.family, cents: f.cents })),
      box,
    ),
    positionChart('Numerário ao longo do dia (gaveta + CI-5)', c.cashPosition, box, hourOf),
  ];
}
