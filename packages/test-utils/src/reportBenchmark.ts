/** One measured figure of a benchmark, against a baseline measured in the same run. */
export interface BenchmarkFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** The target, for the printed verdict; `max` when lower is better. */
  target?: { max?: number; min?: number };
}

/** Prints a figure, its ratio to the baseline, and whether it meets its target. */
export function reportBenchmark(figure: BenchmarkFigure): string {
  const parts = [`${figure.name}: ${round(figure.value)} ${figure.unit}`];
  if (figure.baseline) {
    parts.push(
      `baseline ${figure.baseline.name}: ${round(figure.baseline.value)} ${
        figure.unit
      }`,
      `ratio ${round(figure.value / figure.baseline.value)}`,
    );
  }
  if (figure.target) {
    const { max, min } = figure.target;
    const met =
      (max === undefined || figure.value <= max) &&
      (min === undefined || figure.value >= min);
    const bound =
      max !== undefined ? `<= ${round(max)}` : `>= ${round(min ?? 0)}`;
    parts.push(`target ${bound}: ${met ? 'met' : 'MISSED'}`);
  }
  const line = parts.join(' | ');
  // eslint-disable-next-line no-console
  console.log(line);
  return line;
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}
