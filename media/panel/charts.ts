/**
 * The three live time-series charts (uPlot): loop lag with the threshold line, tasks
 * pending, steps per second. Colours come from the VS Code theme's CSS variables and
 * are re-read when the theme changes.
 */
import uPlot from 'uplot';
import type { Profile } from '../../src/profiler/profile';

export type ChartKind = 'lag' | 'pending' | 'steps';

interface ThemeColours {
  foreground: string;
  grid: string;
  lag: string;
  threshold: string;
  pending: string;
  steps: string;
  font: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value.length > 0 ? value : fallback;
}

function themeColours(): ThemeColours {
  const foreground = cssVar('--vscode-descriptionForeground', cssVar('--vscode-foreground', '#888'));
  return {
    foreground,
    grid: cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.25)')),
    lag: cssVar('--vscode-charts-blue', '#3794ff'),
    threshold: cssVar('--vscode-charts-red', '#f14c4c'),
    pending: cssVar('--vscode-charts-purple', '#b180d7'),
    steps: cssVar('--vscode-charts-green', '#89d185'),
    font: `${cssVar('--vscode-font-size', '12px')} ${cssVar('--vscode-font-family', 'sans-serif')}`,
  };
}

/** A translucent fill from a `#rrggbb` theme colour; no fill for other notations. */
function withAlpha(colour: string, alpha: number): string | undefined {
  if (!/^#[0-9a-f]{6}$/i.test(colour)) return undefined;
  return colour + Math.round(alpha * 255).toString(16).padStart(2, '0');
}

/** The data arrays for one chart, x = seconds since start. */
export function chartData(kind: ChartKind, profile: Profile, thresholdMs: number): uPlot.AlignedData {
  const series = profile.lag.series;
  const t = series.map((p) => p.t);
  switch (kind) {
    case 'lag':
      return [t, series.map((p) => p.maxMs), series.map(() => thresholdMs)];
    case 'pending':
      return [t, series.map((p) => p.pending ?? null)];
    case 'steps':
      return [t, series.map((p) => p.stepsPerS ?? null)];
  }
}

/** uPlot passes null for gaps although its types say number: show a dash there. */
function orDash(format: (value: number) => string): (self: uPlot, value: number | null) => string {
  return (_self, value) => (value === null ? '—' : format(value));
}

function seriesFor(kind: ChartKind, colours: ThemeColours): uPlot.Series[] {
  const x: uPlot.Series = { label: 'time', value: orDash((v) => `${v.toFixed(1)} s`) };
  switch (kind) {
    case 'lag':
      return [
        x,
        { label: 'worst lag', stroke: colours.lag, width: 1.5, fill: withAlpha(colours.lag, 0.2), value: orDash((v) => `${v.toFixed(1)} ms`) },
        { label: 'threshold', stroke: colours.threshold, width: 1, dash: [6, 4], points: { show: false }, value: orDash((v) => `${v} ms`) },
      ];
    case 'pending':
      return [x, { label: 'pending tasks', stroke: colours.pending, width: 1.5, value: orDash((v) => String(v)) }];
    case 'steps':
      return [x, { label: 'steps/s', stroke: colours.steps, width: 1.5, value: orDash((v) => String(Math.round(v))) }];
  }
}

function axisFor(kind: ChartKind, colours: ThemeColours): uPlot.Axis[] {
  const common = { stroke: colours.foreground, font: colours.font, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
  const unit = kind === 'lag' ? ' ms' : '';
  return [
    { ...common, values: (_u, splits) => splits.map((v) => `${v} s`) },
    { ...common, size: kind === 'lag' ? 70 : 60, values: (_u, splits) => splits.map((v) => `${v}${unit}`) },
  ];
}

/** One chart bound to a container; rebuilt on theme change, resized with its container. */
export class LiveChart {
  private plot: uPlot | null = null;
  private data: uPlot.AlignedData = [[]];

  constructor(
    private readonly kind: ChartKind,
    private readonly container: HTMLElement,
    private readonly height = 150,
  ) {}

  update(data: uPlot.AlignedData): void {
    this.data = data;
    if (this.plot) this.plot.setData(data);
    else this.build();
  }

  /** Theme change: colours are baked into the canvas, so draw a new one. */
  rebuild(): void {
    if (!this.plot) return;
    this.plot.destroy();
    this.plot = null;
    this.build();
  }

  resize(): void {
    this.plot?.setSize({ width: this.width(), height: this.height });
  }

  private width(): number {
    return Math.max(this.container.clientWidth, 200);
  }

  private build(): void {
    const colours = themeColours();
    const options: uPlot.Options = {
      width: this.width(),
      height: this.height,
      series: seriesFor(this.kind, colours),
      axes: axisFor(this.kind, colours),
      scales: {
        x: { time: false },
        // lag: always include the threshold line and zero
        y: { range: (_u, _min, max) => [0, Math.max(max, this.kind === 'lag' ? this.thresholdOf() * 1.2 : 1) * 1.05] },
      },
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
    };
    this.plot = new uPlot(options, this.data, this.container);
  }

  private thresholdOf(): number {
    const threshold = this.data[2]?.[0];
    return typeof threshold === 'number' ? threshold : 0;
  }
}
