/**
 * Schedule rules as pure functions: blackout (freeze) windows as data, and
 * the overlap test behind conflict detection.
 *
 * Conflict detection is a query, not a decider rule: two changes conflict
 * when they share a configuration item and their planned windows overlap.
 * The projections helper keeps a read model of planned changes; the
 * application asks it for the changes on the same CIs, runs
 * {@link changeConflictsOf} and issues the `RecordChangeConflictWarning`
 * commands that {@link conflictWarningCommandsOf} builds, so the warning is
 * recorded on the change itself. Warnings never block a change.
 *
 * Limits: windows are half-open `[start, end)`; a change ending exactly when
 * another starts does not overlap it. Instants compare by epoch milliseconds.
 *
 * @module
 */
import * as t from 'io-ts';
import type { CommandMetadata } from '../shared/command-metadata.js';
import { ChangeId, ConfigurationItemId } from '../shared/ids.js';
import { Instant, instantFromEpochMilliseconds, instantToEpochMilliseconds } from '../shared/instant.js';
import { ShortText } from '../shared/text.js';
import type { RecordChangeConflictWarning } from './change-commands.js';

/** A blackout (freeze) window: no non-emergency change may be planned inside it (codec and type). */
export const BlackoutWindow = t.readonly(
  t.exact(
    t.intersection([
      t.type({ name: ShortText, start: Instant, end: Instant }),
      /** When given, the window freezes only these CIs; otherwise every CI. */
      t.partial({ configurationItems: t.readonlyArray(ConfigurationItemId) }),
    ]),
  ),
  'BlackoutWindow',
);
/** A blackout (freeze) window. */
export type BlackoutWindow = t.TypeOf<typeof BlackoutWindow>;

/** A time window `[start, end)`. */
export interface TimeWindow {
  readonly start: Instant;
  readonly end: Instant;
}

/** Whether two half-open windows share any instant. */
export const windowsOverlap = (a: TimeWindow, b: TimeWindow): boolean =>
  instantToEpochMilliseconds(a.start) < instantToEpochMilliseconds(b.end) &&
  instantToEpochMilliseconds(b.start) < instantToEpochMilliseconds(a.end);

/** The overlap of two windows, or `undefined` when they do not overlap. */
export const overlapOf = (a: TimeWindow, b: TimeWindow): TimeWindow | undefined => {
  const start = Math.max(instantToEpochMilliseconds(a.start), instantToEpochMilliseconds(b.start));
  const end = Math.min(instantToEpochMilliseconds(a.end), instantToEpochMilliseconds(b.end));
  return start < end
    ? { start: instantFromEpochMilliseconds(start), end: instantFromEpochMilliseconds(end) }
    : undefined;
};

/** The blackout windows a planned window on these CIs falls into (fully or partly). */
export const blackoutWindowsHit = (
  windows: readonly BlackoutWindow[],
  planned: TimeWindow,
  configurationItems: readonly ConfigurationItemId[],
): readonly BlackoutWindow[] =>
  windows.filter(
    (window) =>
      windowsOverlap(window, planned) &&
      (window.configurationItems === undefined ||
        window.configurationItems.some((ci) => configurationItems.includes(ci))),
  );

/** A change as the conflict check sees it: its CIs and planned window, e.g. a row of a planned-changes read model (codec and type). */
export const PlannedChange = t.readonly(
  t.exact(
    t.type({
      changeId: ChangeId,
      configurationItems: t.readonlyArray(ConfigurationItemId),
      plannedStart: Instant,
      plannedEnd: Instant,
    }),
  ),
  'PlannedChange',
);
/** A change as the conflict check sees it. */
export type PlannedChange = t.TypeOf<typeof PlannedChange>;

/** One conflict: the other change, the CI both touch and when they overlap. */
export interface ChangeConflict {
  readonly conflictingChangeId: ChangeId;
  readonly configurationItemId: ConfigurationItemId;
  readonly overlapStart: Instant;
  readonly overlapEnd: Instant;
}

/** Every conflict of a change with others: per other change and shared CI, when their planned windows overlap. */
export const changeConflictsOf = (
  change: PlannedChange,
  others: readonly PlannedChange[],
): readonly ChangeConflict[] => {
  const conflicts: ChangeConflict[] = [];
  const window = { start: change.plannedStart, end: change.plannedEnd };
  for (const other of others) {
    if (other.changeId === change.changeId) continue;
    const overlap = overlapOf(window, { start: other.plannedStart, end: other.plannedEnd });
    if (overlap === undefined) continue;
    for (const ci of change.configurationItems)
      if (other.configurationItems.includes(ci))
        conflicts.push({
          conflictingChangeId: other.changeId,
          configurationItemId: ci,
          overlapStart: overlap.start,
          overlapEnd: overlap.end,
        });
  }
  return conflicts;
};

/**
 * The commands that record each conflict on the change. Each command's id is
 * derived from the change, the other change and the CI, so issuing them again
 * is deduplicated by the command handler (and the decider records a conflict
 * already on the change only once).
 */
export const conflictWarningCommandsOf = (
  changeId: ChangeId,
  conflicts: readonly ChangeConflict[],
  metadata: Omit<CommandMetadata, 'commandId'>,
): readonly RecordChangeConflictWarning[] =>
  conflicts.map((conflict) => {
    const commandId = `change-conflict:${changeId}:${conflict.conflictingChangeId}:${conflict.configurationItemId}`;
    return {
      type: 'RecordChangeConflictWarning',
      data: { changeId, ...conflict },
      metadata: ShortText.is(commandId) ? { ...metadata, commandId } : metadata,
    };
  });
