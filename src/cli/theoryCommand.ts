/**
 * `trpo theory`: checks the paper's §2–3 laws on seeded random MDPs with exact (tabular)
 * arithmetic, prints a table and, as its last line, a JSON summary; `--svg` draws Algorithm 1 on
 * the gridworld.
 *
 * @module
 */
import type { Algorithm1Step } from '../algebra/tabular/algorithm1.js';
import type { LawRow, TheoryCheckOptions } from '../algebra/tabular/theoryReport.js';
import { theoryReport } from '../algebra/tabular/theoryReport.js';
import { lineChartSvg } from '../report/lineChart.js';
import { checkOutputFile } from './outputPaths.js';
import { writeFileAtomic } from './runFiles.js';

/** The parsed flags of `trpo theory` (commander's camel-case names). */
export interface TheoryFlags extends TheoryCheckOptions {
  readonly svg?: string;
}

/** Width on a terminal: combining marks (the tilde of π̃) take no column. */
const columns = (text: string): number => text.replace(/[\u0300-\u036f]/g, '').length;

const formatNumber = (x: number): string => (Number.isNaN(x) ? '–' : x === 0 ? '0' : Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4 ? x.toExponential(2) : x.toFixed(4));

/**
 * The table as text: one row per law with its cases, worst value (largest error of an identity,
 * smallest slack of an inequality) and violations.
 *
 * @example theoryTable(theoryReport(options).rows)
 */
export const theoryTable = (rows: readonly LawRow[]): string => {
  const cells = [
    ['check', 'source', 'cases', 'worst', 'violations'],
    ...rows.map((r) => [r.check, r.source, String(r.cases), `${r.kind === 'error' ? 'max error' : 'min slack'} ${formatNumber(r.worst)}`, String(r.violations)]),
  ];
  const widths = cells[0].map((_, c) => Math.max(...cells.map((row) => columns(row[c]))));
  const line = (row: readonly string[]) => `| ${row.map((cell, c) => cell + ' '.repeat(widths[c] - columns(cell))).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
};

/**
 * Algorithm 1's picture, two panels: η(π_i) per iteration with the theorem's lower bound
 * M_{i−1}(π_i) ≤ η(π_i) drawn at iteration i; and each step's improvement η(π_{i+1}) − η(π_i)
 * beside the guaranteed M_i(π_{i+1}) − M_i(π_i).
 *
 * @example algorithm1Svg(theoryReport(options).gridworldSteps)
 */
export const algorithm1Svg = (steps: readonly Algorithm1Step[]): string => {
  const next = steps.map((s) => s.iteration + 1);
  return lineChartSvg([
    {
      title: 'Algorithm 1 on the 4×4 gridworld (slip 0.2, γ = 0.9)',
      xLabel: 'iteration i',
      yLabel: 'expected discounted return',
      series: [
        { label: 'η(π_i), exact', x: [0, ...next], y: [steps[0]?.eta ?? 0, ...steps.map((s) => s.nextEta)], color: '#1f77b4' },
        { label: 'lower bound M_{i−1}(π_i) = L_{π_{i−1}}(π_i) − C·D_KL^max', x: next, y: steps.map((s) => s.minorizerAtNew), color: '#d62728', dash: '5 3' },
      ],
    },
    {
      title: 'improvement per iteration',
      xLabel: 'iteration i',
      yLabel: 'change from π_i to π_{i+1}',
      series: [
        { label: 'η(π_{i+1}) − η(π_i)', x: steps.map((s) => s.iteration), y: steps.map((s) => s.nextEta - s.eta), color: '#1f77b4' },
        { label: 'guaranteed: M_i(π_{i+1}) − M_i(π_i)', x: steps.map((s) => s.iteration), y: steps.map((s) => s.minorizerAtNew - s.minorizerAtOld), color: '#d62728', dash: '5 3' },
      ],
    },
  ]);
};

/**
 * Runs the checks, prints the table and the JSON summary (last line), writes the SVG if asked.
 * Returns whether every law held (the CLI exits 1 when not).
 */
export const theoryCommand = (flags: TheoryFlags): boolean => {
  if (flags.svg !== undefined) checkOutputFile(flags.svg, ['.svg']);
  const report = theoryReport(flags);
  console.log(`checking the paper's §2–3 laws on ${flags.mdps} random MDPs (${flags.states} states, ${flags.actions} actions, γ = ${flags.gamma}, seed ${flags.seed}) and the 4×4 gridworld`);
  console.log(theoryTable(report.rows));
  if (flags.svg !== undefined) {
    writeFileAtomic(flags.svg, algorithm1Svg(report.gridworldSteps));
    console.log(`wrote ${flags.svg}`);
  }
  console.log(JSON.stringify(report.summary));
  return report.summary.holds;
};
