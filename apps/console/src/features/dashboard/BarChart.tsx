import { AxisBottom } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { useId } from 'react';
import { useT } from '../../i18n/i18n';

/** One bar: its label and its value as read (both shown beside it), and an optional tone for its colour. */
export interface ChartBar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly valueText: string;
  /** A class suffix for the bar's colour (`dashboard-bar-GREEN`); the label says the same in words. */
  readonly tone?: string;
}

/** The chart's own units: the SVG scales to its container's width, text with it, and prints sharp. */
const WIDTH = 480;
const MARGIN = { top: 4, right: 64, bottom: 28, left: 16 };
const ROW = 46;
/** Labels longer than this are cut in the chart; the table beside it has them whole. */
const LABEL_MAX = 56;

function shortened(label: string): string {
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
}

/**
 * Horizontal bars, each with its label above and its value at its end, so neither the colour nor the
 * bar's length is the only way to read it; the table beside it gives the same figures to a screen reader.
 */
export function BarChart({
  title,
  bars,
  tickFormat,
  integerTicks = true,
}: {
  readonly title: string;
  readonly bars: readonly ChartBar[];
  readonly tickFormat: (value: number) => string;
  /** Counts: only whole numbers on the axis. */
  readonly integerTicks?: boolean;
}) {
  const t = useT();
  const titleId = useId();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = Math.max(1, bars.length) * ROW;
  const height = innerHeight + MARGIN.top + MARGIN.bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, innerWidth], nice: true });
  const y = scaleBand<string>({ domain: bars.map((b) => b.key), range: [0, innerHeight], paddingInner: 0 });
  const ticks = x.ticks(Math.min(5, integerTicks ? Math.ceil(x.domain()[1] ?? 1) : 5));
  const tickValues = integerTicks ? ticks.filter((v) => Number.isInteger(v)) : ticks;
  const barHeight = Math.round(ROW * 0.45);

  return (
    <svg
      className="dashboard-chart"
      viewBox={`0 0 ${String(WIDTH)} ${String(height)}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{t('dashboard.chart.alt', { title })}</title>
      <Group left={MARGIN.left} top={MARGIN.top}>
        {tickValues.map((v) => (
          <line key={v} className="dashboard-grid" x1={x(v)} x2={x(v)} y1={0} y2={innerHeight} />
        ))}
        {bars.map((bar) => {
          const top = y(bar.key) ?? 0;
          const width = Math.max(bar.value > 0 ? 2 : 0, x(bar.value));
          return (
            <g key={bar.key} data-bar={bar.key}>
              <text className="dashboard-bar-label" x={0} y={top + 14}>
                {shortened(bar.label)}
              </text>
              <Bar
                className={bar.tone ? `dashboard-bar dashboard-bar-${bar.tone}` : 'dashboard-bar'}
                x={0}
                y={top + 20}
                width={width}
                height={barHeight}
              />
              <text
                className="dashboard-bar-value"
                x={width + 6}
                y={top + 20 + barHeight / 2}
                dominantBaseline="central"
              >
                {bar.valueText}
              </text>
            </g>
          );
        })}
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={tickValues}
          tickFormat={(v) => tickFormat(Number(v))}
          axisClassName="dashboard-axis"
          tickLabelProps={{ className: 'dashboard-tick', fontSize: 11, fontFamily: 'inherit', textAnchor: 'middle' }}
        />
      </Group>
    </svg>
  );
}
