/**
 * The problem → incident process: when a problem is resolved with
 * `fix-applied`, the incidents linked to it at that moment are told (a work
 * note) or resolved (`resolved-by-problem`), or both, as the policy says.
 *
 * The process is a pure function from a problem's events to incident
 * commands; the application or the CLI runs it (after each problem event, or
 * on a schedule) and hands each command to `handleCommand` on the incident's
 * stream. Every command carries a `commandId` derived from the problem, the
 * resolution's ordinal, the incident and the action, so running the process
 * twice issues the same ids and the command handler reports the second run as
 * `alreadyHandled` instead of writing again.
 *
 * Limits: only fix-applied resolutions that were not later sent back to
 * analysis count (a reanalysed problem has not fixed anything yet). The
 * incident decider still decides: resolving an incident that is unassigned or
 * already resolved is refused there (`IncidentNotAssigned`,
 * `IncidentNotOpen`…); with `notify-and-resolve` the work note lands anyway.
 * Those refusals are expected and safe to log and skip.
 *
 * @module
 */
import { Actor } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/command-metadata.js';
import type { IncidentId } from '../shared/ids.js';
import { LONG_TEXT_MAX, ShortText } from '../shared/text.js';
import type { AddIncidentWorkNote, ResolveIncident } from '../incident/incident-commands.js';
import { NoteText } from '../incident/incident-events.js';
import type { ProblemEvent, ProblemResolvedData } from './problem-events.js';

/** What the process does to each linked incident when a fix is applied. */
export type FixAppliedAction = 'notify' | 'resolve' | 'notify-and-resolve';

/** The process's configuration. */
export interface ProblemIncidentPolicy {
  /** Work note, resolution, or both. Default: both. */
  readonly onFixApplied: FixAppliedAction;
  /** The actor the commands are issued as; it needs the incident roles for AddIncidentWorkNote and ResolveIncident. */
  readonly actor: Actor;
}

/** The commands the process issues. */
export type ProblemIncidentCommand = AddIncidentWorkNote | ResolveIncident;

const processActor = (): Actor => {
  const decoded = Actor.decode({ id: 'problem-incident-process', roles: ['process', 'incident-manager'], groups: [] });
  // A literal actor that does not decode is a bug in this file.
  if (decoded._tag === 'Left') throw new Error('the default problem → incident process actor is invalid');
  return decoded.right;
};

/** The default policy: notify and resolve, as a process actor with the incident manager's role. */
export const defaultProblemIncidentPolicy: ProblemIncidentPolicy = {
  onFixApplied: 'notify-and-resolve',
  actor: processActor(),
};

const shortText = (value: string): ShortText => {
  if (ShortText.is(value)) return value;
  // Ids are at most 64 characters, so every id-built text fits; anything else is a bug.
  throw new Error(`"${value}" is not a short text`);
};

const noteOf = (resolved: ProblemResolvedData): NoteText => {
  const head = `Problem ${resolved.problemId} was resolved: fix applied.`;
  const notes = resolved.resolutionNotes.trim();
  const text = notes.length === 0 ? head : `${head}\n\n${notes}`.slice(0, LONG_TEXT_MAX);
  if (NoteText.is(text)) return text;
  throw new Error('the problem → incident note is not a note text');
};

/**
 * The incident commands due for a problem's history: for each fix-applied
 * resolution not followed by a reanalysis, per incident linked at that
 * moment, a work note and/or a resolution. Deterministic: the same events
 * give the same commands with the same ids.
 */
export const problemIncidentCommands =
  (policy: ProblemIncidentPolicy) =>
  (events: readonly ProblemEvent[]): readonly ProblemIncidentCommand[] => {
    const due: { readonly resolved: ProblemResolvedData; readonly ordinal: number }[] = [];
    let ordinal = 0;
    for (const event of events) {
      if (event.type === 'ProblemResolved') {
        ordinal++;
        if (event.data.resolutionCode === 'fix-applied') due.push({ resolved: event.data, ordinal });
      }
      // A reanalysis means the fix did not hold: the resolution before it no longer counts.
      if (event.type === 'ProblemReanalysisStarted') due.length = 0;
    }
    return due.flatMap(({ resolved, ordinal: n }) =>
      resolved.linkedIncidents.flatMap((incidentId) => commandsFor(policy, resolved, n, incidentId)),
    );
  };

const commandsFor = (
  policy: ProblemIncidentPolicy,
  resolved: ProblemResolvedData,
  ordinal: number,
  incidentId: IncidentId,
): readonly ProblemIncidentCommand[] => {
  const metadataFor = (action: 'note' | 'resolve'): CommandMetadata => ({
    actor: policy.actor,
    occurredAt: resolved.at,
    correlationId: shortText(`problem-${resolved.problemId}`),
    commandId: shortText(`problem-incident:${resolved.problemId}:${ordinal}:${incidentId}:${action}`),
  });
  const text = noteOf(resolved);
  const note: AddIncidentWorkNote = {
    type: 'AddIncidentWorkNote',
    data: { incidentId, text },
    metadata: metadataFor('note'),
  };
  const resolve: ResolveIncident = {
    type: 'ResolveIncident',
    data: { incidentId, resolutionCode: 'resolved-by-problem', resolutionNotes: text, resolvedChildren: [] },
    metadata: metadataFor('resolve'),
  };
  switch (policy.onFixApplied) {
    case 'notify':
      return [note];
    case 'resolve':
      return [resolve];
    case 'notify-and-resolve':
      return [note, resolve];
  }
};
