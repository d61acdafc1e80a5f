/**
 * Aligned tables for human output, drawn by cli-table3 without borders, and
 * the same rows as JSON for scripts.
 *
 * @module
 */
import Table from 'cli-table3';

/** A cell value as tables print it. */
export type Cell = string | number | boolean | null | undefined;

/** Renders rows as an aligned, borderless table with a header line. */
export const renderTable = (head: readonly string[], rows: readonly (readonly Cell[])[]): string => {
  const table = new Table({
    head: [...head],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '',
    },
  });
  for (const row of rows) table.push(row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
};

/** Renders a value as indented JSON (the `--json` output of every command). */
export const renderJson = (value: unknown): string => JSON.stringify(value, null, 2);
