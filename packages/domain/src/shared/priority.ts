/**
 * Priority from impact × urgency, as configurable data. The default is the
 * ITIL 3×3 matrix mapping to five priorities (1 Critical … 5 Planning); a
 * GLPI-style 5×5 matrix is available as a preset. Level 1 is always the
 * highest impact/urgency.
 *
 * @module
 */
import * as t from 'io-ts';

/** A priority: 1 Critical, 2 High, 3 Moderate, 4 Low, 5 Planning (codec and type). */
export const Priority = t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)], 'Priority');
/** A priority: 1 Critical … 5 Planning. */
export type Priority = t.TypeOf<typeof Priority>;

/** Names of the priorities, by number. */
export const priorityNames: Readonly<Record<Priority, string>> = {
  1: 'Critical',
  2: 'High',
  3: 'Moderate',
  4: 'Low',
  5: 'Planning',
};

/** An impact or urgency level, 1 (highest) to 5; a matrix states how many it uses (codec and type). */
export const Level = t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)], 'Level');
/** An impact or urgency level, 1 (highest) to 5. */
export type Level = t.TypeOf<typeof Level>;

/** A priority matrix: `cells[impact - 1][urgency - 1]` is the priority. */
export interface PriorityMatrix {
  /** A name for audit records, e.g. `itil-3x3`. */
  readonly name: string;
  /** How many impact and urgency levels it uses (3 or 5). */
  readonly levels: 3 | 5;
  readonly cells: readonly (readonly Priority[])[];
}

/** The ITIL 3×3 matrix: high/medium/low impact × urgency → 1–5. */
export const itilPriorityMatrix: PriorityMatrix = {
  name: 'itil-3x3',
  levels: 3,
  cells: [
    [1, 2, 3],
    [2, 3, 4],
    [3, 4, 5],
  ],
};

/** A GLPI-style 5×5 matrix (very high … very low) → 1–5. */
export const glpiPriorityMatrix: PriorityMatrix = {
  name: 'glpi-5x5',
  levels: 5,
  cells: [
    [1, 1, 2, 2, 3],
    [1, 2, 2, 3, 3],
    [2, 2, 3, 3, 4],
    [2, 3, 3, 4, 5],
    [3, 3, 4, 5, 5],
  ],
};

/** Whether a level is within the matrix's scale. */
export const isLevelOf = (matrix: PriorityMatrix, level: Level): boolean => level <= matrix.levels;

/** The priority of an impact and urgency; levels beyond the matrix's scale are clamped to its lowest. */
export const priorityOf = (matrix: PriorityMatrix, impact: Level, urgency: Level): Priority => {
  const row = matrix.cells[Math.min(impact, matrix.levels) - 1];
  const cell = row?.[Math.min(urgency, matrix.levels) - 1];
  // A matrix is built with all cells; a missing cell is a configuration bug.
  if (cell === undefined) throw new Error(`priority matrix ${matrix.name} has no cell ${impact}×${urgency}`);
  return cell;
};
