import { useTheme } from '@material-ui/core';
import type { MeshTrendPoint } from '@meshwork/plugin-governance-common';
import { useId } from 'react';

const WIDTH = 640;
const HEIGHT = 240;
/**
 * A period's label is centred on its point: either side leaves room for half
 * the widest label ("27 Dec 23:00", 72 px at 12 px) so that the last one is
 * not cut off at the chart's right edge.
 */
const MARGIN = { top: 16, right: 40, bottom: 48, left: 56 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const SCORE_TICKS = [0, 25, 50, 75, 100];
/** More period labels than this overlap at the chart's narrowest. */
const MAX_PERIOD_LABELS = 6;

/**
 * Periods are UTC days or hours (see bucketTrend); so are their labels. An
 * hour's day has its month named (`6 Dec 16:00`), as `12-06` could be read
 * day or month first, and no year, so that six labels fit side by side.
 */
function periodLabel(period: string, by: 'day' | 'hour'): string {
  if (by === 'day') return period.slice(0, 10);
  const day = new Date(period).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
  });
  return `${day} ${period.slice(11, 16)}`;
}

const x = (index: number, count: number) =>
  MARGIN.left +
  (count === 1 ? PLOT_WIDTH / 2 : (index * PLOT_WIDTH) / (count - 1));

const y = (score: number) =>
  MARGIN.top + PLOT_HEIGHT * (1 - Math.min(100, Math.max(0, score)) / 100);

/** Evenly spread indices, first and last included, so labels never crowd. */
function labelledIndices(count: number): number[] {
  const labels = Math.min(count, MAX_PERIOD_LABELS);
  if (labels === 1) return [0];
  return [
    ...new Set(
      Array.from({ length: labels }, (_, i) =>
        Math.round((i * (count - 1)) / (labels - 1)),
      ),
    ),
  ];
}

/**
 * The mesh's average score over time as a line chart, drawn in SVG so that
 * the plugin needs no charting library. Screen readers get the first and
 * last points in its title; each point says its score on hover.
 *
 * With `of="product"` the points are one product's scores: the chart says
 * "Score" rather than "Average score", and no count of products.
 */
export function ScoreTrendChart(props: {
  points: MeshTrendPoint[];
  by: 'day' | 'hour';
  /** Whose score: the mesh's average (the default) or one product's. */
  of?: 'mesh' | 'product';
}) {
  const { points, by, of = 'mesh' } = props;
  const scoreLabel = of === 'product' ? 'Score' : 'Average score';
  const theme = useTheme();
  const titleId = useId();
  const count = points.length;
  const first = points[0];
  const last = points[count - 1];
  // Read without the axis, the periods name their zone themselves.
  const title = first
    ? `${scoreLabel} by UTC ${by}: ${first.averageScore} on ${periodLabel(
        first.period,
        by,
      )} to ${last.averageScore} on ${periodLabel(last.period, by)}`
    : `${scoreLabel} by UTC ${by}: no evaluations`;
  const line = points
    .map((point, i) => `${x(i, count)},${y(point.averageScore)}`)
    .join(' ');
  const textStyle = {
    fill: theme.palette.text.secondary,
    fontSize: 12,
    fontFamily: theme.typography.fontFamily,
  };

  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxHeight: HEIGHT }}
    >
      <title id={titleId}>{title}</title>
      {SCORE_TICKS.map(tick => (
        <g key={tick}>
          <line
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={theme.palette.divider}
          />
          <text
            x={MARGIN.left - 8}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
            style={textStyle}
          >
            {tick}
          </text>
        </g>
      ))}
      {labelledIndices(count).map(i => (
        <text
          key={points[i].period}
          x={x(i, count)}
          y={HEIGHT - MARGIN.bottom + 18}
          textAnchor="middle"
          style={textStyle}
        >
          {periodLabel(points[i].period, by)}
        </text>
      ))}
      <text
        x={MARGIN.left + PLOT_WIDTH / 2}
        y={HEIGHT - 6}
        textAnchor="middle"
        style={textStyle}
      >
        {by === 'day' ? 'Day (UTC)' : 'Hour (UTC)'}
      </text>
      <text
        transform={`translate(14 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)`}
        textAnchor="middle"
        style={textStyle}
      >
        {scoreLabel}
      </text>
      <polyline
        points={line}
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
      />
      {points.map((point, i) => (
        <circle
          key={point.period}
          cx={x(i, count)}
          cy={y(point.averageScore)}
          r={3.5}
          fill={theme.palette.primary.main}
        >
          <title>
            {`${periodLabel(point.period, by)} UTC: ${point.averageScore}${
              of === 'product' ? '' : ` (${point.products} products)`
            }`}
          </title>
        </circle>
      ))}
    </svg>
  );
}
