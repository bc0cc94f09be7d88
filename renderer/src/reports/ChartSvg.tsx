import type { Chart } from '../../../shared/charts/geometry';

/** Draws a chart's primitives (shared/charts/geometry.ts) as SVG: the very geometry the PDF draws. */
export function ChartSvg({ chart }: { chart: Chart }) {
  return (
    <svg
      className="eod-chart"
      viewBox={`0 0 ${chart.width} ${chart.height}`}
      role="img"
      aria-label={chart.title}
      data-testid="eod-chart"
    >
      {chart.prims.map((p, i) => {
        if (p.t === 'rect') return <rect key={i} x={p.x} y={p.y} width={p.w} height={p.h} fill={p.fill} />;
        if (p.t === 'line')
          return (
            <line key={i} x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2} stroke={p.stroke} strokeWidth={p.width} />
          );
        if (p.t === 'poly')
          return (
            <polyline
              key={i}
              points={p.points.map(([x, y]) => `${x},${y}`).join(' ')}
              fill="none"
              stroke={p.stroke}
              strokeWidth={p.width}
            />
          );
        return (
          <text key={i} x={p.x} y={p.y} fontSize={p.size} textAnchor={p.anchor} fill={p.fill}>
            {p.text}
          </text>
        );
      })}
    </svg>
  );
}
