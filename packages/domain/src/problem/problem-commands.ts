/**
 * Problem commands: io-ts codecs for each command's data and the union of
 * every problem command. Unknown fields in the data are stripped; malformed
 * input is refused with path-level messages by `decodeInput`.
 *
 * Limits: facts the application checked (that a linked incident or change
 * exists, that an affected CI is not retired) arrive in the data and are not
 * looked up here.
 *
 * @module
 */
import * as t from 'io-ts';
import { messageUnion } from '../shared/message-codec.js';
import {
  ChangeId,
  ConfigurationItemId,
  GroupId,
  IncidentId,
  KnownErrorId,
  ProblemId,
  ServiceId,
  UserId,
} from '../shared/ids.js';
import { Level } from '../shared/priority.js';
import { LongText, ShortText } from '../shared/text.js';
import { commandCodec } from '../shared/message-envelope.js';

/** How a resolved problem was resolved: the fix was applied, or the risk of leaving it was accepted (codec and type). */
export const ProblemResolutionCode = t.keyof({ 'fix-applied': null, 'risk-accepted': null }, 'ProblemResolutionCode');
/** How a resolved problem was resolved. */
export type ProblemResolutionCode = t.TypeOf<typeof ProblemResolutionCode>;

/** Why a problem was closed (codec and type). */
export const ProblemClosureCode = t.keyof(
  { 'fix-applied': null, 'risk-accepted': null, duplicate: null, cancelled: null },
  'ProblemClosureCode',
);
/** Why a problem was closed. */
export type ProblemClosureCode = t.TypeOf<typeof ProblemClosureCode>;

/** The content of a known error: what users see, why, what to do meanwhile, and what it touches (codec and type). */
export const KnownErrorContent = t.readonly(
  t.exact(
    t.type({
      /** What users and the service desk observe. */
      symptom: LongText,
      /** The cause, as far as it is known. */
      rootCause: LongText,
      /** How to restore service until the fix is in place. */
      workaround: LongText,
      /** The configuration items that show the error. */
      affectedCis: t.readonlyArray(ConfigurationItemId),
    }),
  ),
  'KnownErrorContent',
);
/** The content of a known error. */
export type KnownErrorContent = t.TypeOf<typeof KnownErrorContent>;

/** Data of {@link LogProblem}: a new problem with its impact and urgency (codec and type). */
export const LogProblemData = t.readonly(
  t.exact(
    t.intersection([
      t.type({ problemId: ProblemId, title: ShortText, description: LongText, impact: Level, urgency: Level }),
      t.partial({ serviceId: ServiceId, affectedCis: t.readonlyArray(ConfigurationItemId) }),
    ]),
  ),
  'LogProblemData',
);
/** Data of {@link LogProblem}. */
export type LogProblemData = t.TypeOf<typeof LogProblemData>;
/** Logs a new problem (command codec and type). */
export const LogProblem = commandCodec('LogProblem', LogProblemData);
/** Logs a new problem. */
export type LogProblem = t.TypeOf<typeof LogProblem>;

/** Data of {@link AssignProblem}: the group (and optionally the person) that owns the investigation (codec and type). */
export const AssignProblemData = t.readonly(
  t.exact(
    t.intersection([t.type({ problemId: ProblemId, assignmentGroup: GroupId }), t.partial({ assignee: UserId })]),
  ),
  'AssignProblemData',
);
/** Data of {@link AssignProblem}. */
export type AssignProblemData = t.TypeOf<typeof AssignProblemData>;
/** Assigns the problem to a group and optionally a person; the application checked membership (command codec and type). */
export const AssignProblem = commandCodec('AssignProblem', AssignProblemData);
/** Assigns the problem. */
export type AssignProblem = t.TypeOf<typeof AssignProblem>;

/** Data of the commands that only name the problem (codec and type). */
export const ProblemRefData = t.readonly(t.exact(t.type({ problemId: ProblemId })), 'ProblemRefData');
/** Data of the commands that only name the problem. */
export type ProblemRefData = t.TypeOf<typeof ProblemRefData>;

/** Moves a new problem into assessment (command codec and type). */
export const StartProblemAssessment = commandCodec('StartProblemAssessment', ProblemRefData);
/** Moves a new problem into assessment. */
export type StartProblemAssessment = t.TypeOf<typeof StartProblemAssessment>;

/** Moves an assessed problem into root cause analysis (command codec and type). */
export const StartRootCauseAnalysis = commandCodec('StartRootCauseAnalysis', ProblemRefData);
/** Moves an assessed problem into root cause analysis. */
export type StartRootCauseAnalysis = t.TypeOf<typeof StartRootCauseAnalysis>;

/** Data of {@link RecordProblemRootCause} (codec and type). */
export const RecordProblemRootCauseData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, rootCause: LongText })),
  'RecordProblemRootCauseData',
);
/** Data of {@link RecordProblemRootCause}. */
export type RecordProblemRootCauseData = t.TypeOf<typeof RecordProblemRootCauseData>;
/** Records (or revises) the root cause found by the analysis (command codec and type). */
export const RecordProblemRootCause = commandCodec('RecordProblemRootCause', RecordProblemRootCauseData);
/** Records the root cause. */
export type RecordProblemRootCause = t.TypeOf<typeof RecordProblemRootCause>;

/** Data of {@link StartProblemFix}: how the cause will be removed (codec and type). */
export const StartProblemFixData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, fixPlan: LongText })),
  'StartProblemFixData',
);
/** Data of {@link StartProblemFix}. */
export type StartProblemFixData = t.TypeOf<typeof StartProblemFixData>;
/** Starts fixing a problem whose root cause is recorded (command codec and type). */
export const StartProblemFix = commandCodec('StartProblemFix', StartProblemFixData);
/** Starts fixing the problem. */
export type StartProblemFix = t.TypeOf<typeof StartProblemFix>;

/** Data of {@link ResolveProblem} (codec and type). */
export const ResolveProblemData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, resolutionCode: ProblemResolutionCode, resolutionNotes: LongText })),
  'ResolveProblemData',
);
/** Data of {@link ResolveProblem}. */
export type ResolveProblemData = t.TypeOf<typeof ResolveProblemData>;
/** Resolves a problem: fix applied (from FixInProgress) or risk accepted (from RootCauseAnalysis or FixInProgress) (command codec and type). */
export const ResolveProblem = commandCodec('ResolveProblem', ResolveProblemData);
/** Resolves a problem. */
export type ResolveProblem = t.TypeOf<typeof ResolveProblem>;

/** Data of {@link ReanalyseProblem} (codec and type). */
export const ReanalyseProblemData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, reason: ShortText })),
  'ReanalyseProblemData',
);
/** Data of {@link ReanalyseProblem}. */
export type ReanalyseProblemData = t.TypeOf<typeof ReanalyseProblemData>;
/** Sends a resolved problem back to root cause analysis, e.g. when the incidents recur (command codec and type). */
export const ReanalyseProblem = commandCodec('ReanalyseProblem', ReanalyseProblemData);
/** Sends a resolved problem back to root cause analysis. */
export type ReanalyseProblem = t.TypeOf<typeof ReanalyseProblem>;

/** Data of {@link CloseProblem}; `duplicateOf` is required with the `duplicate` code (codec and type). */
export const CloseProblemData = t.readonly(
  t.exact(
    t.intersection([
      t.type({ problemId: ProblemId, closureCode: ProblemClosureCode, closureNotes: LongText }),
      t.partial({ duplicateOf: ProblemId }),
    ]),
  ),
  'CloseProblemData',
);
/** Data of {@link CloseProblem}. */
export type CloseProblemData = t.TypeOf<typeof CloseProblemData>;
/** Closes a problem with a closure code consistent with its state (command codec and type). */
export const CloseProblem = commandCodec('CloseProblem', CloseProblemData);
/** Closes a problem. */
export type CloseProblem = t.TypeOf<typeof CloseProblem>;

/** Data of {@link LinkProblemIncident} and {@link UnlinkProblemIncident} (codec and type). */
export const ProblemIncidentData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, incidentId: IncidentId })),
  'ProblemIncidentData',
);
/** Data of {@link LinkProblemIncident} and {@link UnlinkProblemIncident}. */
export type ProblemIncidentData = t.TypeOf<typeof ProblemIncidentData>;
/** Adds an incident to the problem's set of linked incidents (command codec and type). */
export const LinkProblemIncident = commandCodec('LinkProblemIncident', ProblemIncidentData);
/** Adds an incident to the problem's linked incidents. */
export type LinkProblemIncident = t.TypeOf<typeof LinkProblemIncident>;
/** Removes an incident from the problem's set of linked incidents (command codec and type). */
export const UnlinkProblemIncident = commandCodec('UnlinkProblemIncident', ProblemIncidentData);
/** Removes an incident from the problem's linked incidents. */
export type UnlinkProblemIncident = t.TypeOf<typeof UnlinkProblemIncident>;

/** Data of {@link LinkProblemChange} and {@link UnlinkProblemChange} (codec and type). */
export const ProblemChangeData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, changeId: ChangeId })),
  'ProblemChangeData',
);
/** Data of {@link LinkProblemChange} and {@link UnlinkProblemChange}. */
export type ProblemChangeData = t.TypeOf<typeof ProblemChangeData>;
/** Links the change the problem waits on for its fix (command codec and type). */
export const LinkProblemChange = commandCodec('LinkProblemChange', ProblemChangeData);
/** Links the change the problem waits on. */
export type LinkProblemChange = t.TypeOf<typeof LinkProblemChange>;
/** Unlinks a change from the problem (command codec and type). */
export const UnlinkProblemChange = commandCodec('UnlinkProblemChange', ProblemChangeData);
/** Unlinks a change from the problem. */
export type UnlinkProblemChange = t.TypeOf<typeof UnlinkProblemChange>;

/** Data of {@link RaiseKnownError} and {@link UpdateKnownError}: the id and the whole content (codec and type). */
export const KnownErrorData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, knownErrorId: KnownErrorId, content: KnownErrorContent })),
  'KnownErrorData',
);
/** Data of {@link RaiseKnownError} and {@link UpdateKnownError}. */
export type KnownErrorData = t.TypeOf<typeof KnownErrorData>;
/** Raises the problem's known error (command codec and type). */
export const RaiseKnownError = commandCodec('RaiseKnownError', KnownErrorData);
/** Raises the problem's known error. */
export type RaiseKnownError = t.TypeOf<typeof RaiseKnownError>;
/** Replaces the content of the problem's active known error (command codec and type). */
export const UpdateKnownError = commandCodec('UpdateKnownError', KnownErrorData);
/** Replaces the content of the active known error. */
export type UpdateKnownError = t.TypeOf<typeof UpdateKnownError>;

/** Data of {@link RetireKnownError} (codec and type). */
export const RetireKnownErrorData = t.readonly(
  t.exact(t.type({ problemId: ProblemId, knownErrorId: KnownErrorId, reason: ShortText })),
  'RetireKnownErrorData',
);
/** Data of {@link RetireKnownError}. */
export type RetireKnownErrorData = t.TypeOf<typeof RetireKnownErrorData>;
/** Retires the problem's active known error (command codec and type). */
export const RetireKnownError = commandCodec('RetireKnownError', RetireKnownErrorData);
/** Retires the active known error. */
export type RetireKnownError = t.TypeOf<typeof RetireKnownError>;

/** Every problem and known error command, dispatched on `type` so errors name the fields of that command (codec and type). */
export const ProblemCommand = messageUnion('ProblemCommand', {
  LogProblem,
  AssignProblem,
  StartProblemAssessment,
  StartRootCauseAnalysis,
  RecordProblemRootCause,
  StartProblemFix,
  ResolveProblem,
  ReanalyseProblem,
  CloseProblem,
  LinkProblemIncident,
  UnlinkProblemIncident,
  LinkProblemChange,
  UnlinkProblemChange,
  RaiseKnownError,
  UpdateKnownError,
  RetireKnownError,
});
/** Every problem and known error command. */
export type ProblemCommand = t.TypeOf<typeof ProblemCommand>;
/** The name of a problem command. */
export type ProblemCommandType = ProblemCommand['type'];
