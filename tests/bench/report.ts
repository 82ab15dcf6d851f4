import { fmt } from './stats';

/** One figure of the run, with its anchor and goal when it has them. */
export interface Row {
  measure: string;
  value: string;
  anchor?: string;
  goal?: string;
  met?: boolean;
}

/** Collects the figures, prints each as it is measured and all of them as a table at the end. */
export class Report {
  readonly rows: Row[] = [];

  add(row: Row): void {
    this.rows.push(row);
    const extra = [
      row.anchor && `anchor: ${row.anchor}`,
      row.goal && `goal: ${row.goal}${row.met === undefined ? '' : row.met ? ' ✓' : ' ✗'}`,
    ]
      .filter(Boolean)
      .join('; ');
    console.log(`${row.measure}: ${row.value}${extra ? ` (${extra})` : ''}`);
  }

  /** The figures as a Markdown table, as the README shows them. */
  table(): string {
    const lines = [
      '| Measure | Result | Anchor (same run) | Goal |',
      '| --- | --- | --- | --- |',
      ...this.rows.map(
        (r) =>
          `| ${r.measure} | ${r.value} | ${r.anchor ?? ''} | ${r.goal ?? ''}${r.met === undefined ? '' : r.met ? ' ✓' : ' ✗'} |`,
      ),
    ];
    return lines.join('\n');
  }
}

export const rate = (n: number, unit = 'obs/s') => `${fmt(n)} ${unit}`;
export const pct = (x: number) => `${fmt(x * 100, 1)}%`;
export const ms = (x: number) => `${fmt(x, 1)} ms`;
