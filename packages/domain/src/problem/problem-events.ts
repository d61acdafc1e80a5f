/**
 * Problem and known error events: io-ts codecs for each event's data and the
 * union. Every event's data carries the problem id, `at` (when, from the
 * command's metadata) and `by` (who). Events are never renamed; a new shape
 * is a new schema version with an upcaster in {@link problemEventSchemas}.
 *
 * @module
 */
import * as t from 'io-ts';
import type { EventSchema } from '@itsm/event-store';
import { messageUnion } from '../shared/message-codec.js';
import { eventSchemasOf } from '../shared/event-schemas.js';
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
import { Instant } from '../shared/instant.js';
import { Level, Priority } from '../shared/priority.js';
import { LongText, ShortText } from '../shared/text.js';
import { KnownErrorContent, ProblemClosureCode, ProblemResolutionCode } from './problem-commands.js';
import { eventCodec } from '../shared/message-envelope.js';

const fact = { problemId: ProblemId, at: Instant, by: UserId };

/** Data of {@link ProblemLogged} (codec and type). */
export const ProblemLoggedData = t.readonly(
  t.exact(
    t.intersection([
      t.type({ ...fact, title: ShortText, description: LongText, impact: Level, urgency: Level, priority: Priority }),
      t.partial({ serviceId: ServiceId, affectedCis: t.readonlyArray(ConfigurationItemId) }),
    ]),
  ),
  'ProblemLoggedData',
);
/** Data of {@link ProblemLogged}. */
export type ProblemLoggedData = t.TypeOf<typeof ProblemLoggedData>;
/** A problem was logged, with the priority the matrix gave (event codec and type). */
export const ProblemLogged = eventCodec('ProblemLogged', ProblemLoggedData);
/** A problem was logged. */
export type ProblemLogged = t.TypeOf<typeof ProblemLogged>;

/** Data of {@link ProblemAssigned} (codec and type). */
export const ProblemAssignedData = t.readonly(
  t.exact(t.intersection([t.type({ ...fact, assignmentGroup: GroupId }), t.partial({ assignee: UserId })])),
  'ProblemAssignedData',
);
/** Data of {@link ProblemAssigned}. */
export type ProblemAssignedData = t.TypeOf<typeof ProblemAssignedData>;
/** A problem was assigned to a group and possibly a person (event codec and type). */
export const ProblemAssigned = eventCodec('ProblemAssigned', ProblemAssignedData);
/** A problem was assigned. */
export type ProblemAssigned = t.TypeOf<typeof ProblemAssigned>;

/** Data of events that carry only who and when (codec and type). */
export const ProblemFactData = t.readonly(t.exact(t.type(fact)), 'ProblemFactData');
/** Data of events that carry only who and when. */
export type ProblemFactData = t.TypeOf<typeof ProblemFactData>;

/** A new problem moved into assessment (event codec and type). */
export const ProblemAssessmentStarted = eventCodec('ProblemAssessmentStarted', ProblemFactData);
/** A new problem moved into assessment. */
export type ProblemAssessmentStarted = t.TypeOf<typeof ProblemAssessmentStarted>;

/** An assessed problem moved into root cause analysis (event codec and type). */
export const ProblemRootCauseAnalysisStarted = eventCodec('ProblemRootCauseAnalysisStarted', ProblemFactData);
/** An assessed problem moved into root cause analysis. */
export type ProblemRootCauseAnalysisStarted = t.TypeOf<typeof ProblemRootCauseAnalysisStarted>;

/** Data of {@link ProblemRootCauseRecorded} (codec and type). */
export const ProblemRootCauseRecordedData = t.readonly(
  t.exact(t.type({ ...fact, rootCause: LongText })),
  'ProblemRootCauseRecordedData',
);
/** Data of {@link ProblemRootCauseRecorded}. */
export type ProblemRootCauseRecordedData = t.TypeOf<typeof ProblemRootCauseRecordedData>;
/** The root cause was recorded or revised (event codec and type). */
export const ProblemRootCauseRecorded = eventCodec('ProblemRootCauseRecorded', ProblemRootCauseRecordedData);
/** The root cause was recorded or revised. */
export type ProblemRootCauseRecorded = t.TypeOf<typeof ProblemRootCauseRecorded>;

/** Data of {@link ProblemFixStarted} (codec and type). */
export const ProblemFixStartedData = t.readonly(
  t.exact(t.type({ ...fact, fixPlan: LongText })),
  'ProblemFixStartedData',
);
/** Data of {@link ProblemFixStarted}. */
export type ProblemFixStartedData = t.TypeOf<typeof ProblemFixStartedData>;
/** Work on a fix started (event codec and type). */
export const ProblemFixStarted = eventCodec('ProblemFixStarted', ProblemFixStartedData);
/** Work on a fix started. */
export type ProblemFixStarted = t.TypeOf<typeof ProblemFixStarted>;

/** Data of {@link ProblemResolved}; `linkedIncidents` is the set linked at that moment (codec and type). */
export const ProblemResolvedData = t.readonly(
  t.exact(
    t.type({
      ...fact,
      resolutionCode: ProblemResolutionCode,
      resolutionNotes: LongText,
      linkedIncidents: t.readonlyArray(IncidentId),
    }),
  ),
  'ProblemResolvedData',
);
/** Data of {@link ProblemResolved}. */
export type ProblemResolvedData = t.TypeOf<typeof ProblemResolvedData>;
/** A problem was resolved: fix applied or risk accepted (event codec and type). */
export const ProblemResolved = eventCodec('ProblemResolved', ProblemResolvedData);
/** A problem was resolved. */
export type ProblemResolved = t.TypeOf<typeof ProblemResolved>;

/** Data of {@link ProblemReanalysisStarted} (codec and type). */
export const ProblemReanalysisStartedData = t.readonly(
  t.exact(t.type({ ...fact, reason: ShortText })),
  'ProblemReanalysisStartedData',
);
/** Data of {@link ProblemReanalysisStarted}. */
export type ProblemReanalysisStartedData = t.TypeOf<typeof ProblemReanalysisStartedData>;
/** A resolved problem went back to root cause analysis (event codec and type). */
export const ProblemReanalysisStarted = eventCodec('ProblemReanalysisStarted', ProblemReanalysisStartedData);
/** A resolved problem went back to root cause analysis. */
export type ProblemReanalysisStarted = t.TypeOf<typeof ProblemReanalysisStarted>;

/** Data of {@link ProblemClosed} (codec and type). */
export const ProblemClosedData = t.readonly(
  t.exact(
    t.intersection([
      t.type({ ...fact, closureCode: ProblemClosureCode, closureNotes: LongText }),
      t.partial({ duplicateOf: ProblemId }),
    ]),
  ),
  'ProblemClosedData',
);
/** Data of {@link ProblemClosed}. */
export type ProblemClosedData = t.TypeOf<typeof ProblemClosedData>;
/** A problem was closed; closed is terminal (event codec and type). */
export const ProblemClosed = eventCodec('ProblemClosed', ProblemClosedData);
/** A problem was closed. */
export type ProblemClosed = t.TypeOf<typeof ProblemClosed>;

/** Data of {@link ProblemIncidentLinked} and {@link ProblemIncidentUnlinked} (codec and type). */
export const ProblemIncidentLinkData = t.readonly(
  t.exact(t.type({ ...fact, incidentId: IncidentId })),
  'ProblemIncidentLinkData',
);
/** Data of {@link ProblemIncidentLinked} and {@link ProblemIncidentUnlinked}. */
export type ProblemIncidentLinkData = t.TypeOf<typeof ProblemIncidentLinkData>;
/** An incident joined the problem's linked incidents (event codec and type). */
export const ProblemIncidentLinked = eventCodec('ProblemIncidentLinked', ProblemIncidentLinkData);
/** An incident joined the problem's linked incidents. */
export type ProblemIncidentLinked = t.TypeOf<typeof ProblemIncidentLinked>;
/** An incident left the problem's linked incidents (event codec and type). */
export const ProblemIncidentUnlinked = eventCodec('ProblemIncidentUnlinked', ProblemIncidentLinkData);
/** An incident left the problem's linked incidents. */
export type ProblemIncidentUnlinked = t.TypeOf<typeof ProblemIncidentUnlinked>;

/** Data of {@link ProblemChangeLinked} and {@link ProblemChangeUnlinked} (codec and type). */
export const ProblemChangeLinkData = t.readonly(
  t.exact(t.type({ ...fact, changeId: ChangeId })),
  'ProblemChangeLinkData',
);
/** Data of {@link ProblemChangeLinked} and {@link ProblemChangeUnlinked}. */
export type ProblemChangeLinkData = t.TypeOf<typeof ProblemChangeLinkData>;
/** The problem now waits on a change for its fix (event codec and type). */
export const ProblemChangeLinked = eventCodec('ProblemChangeLinked', ProblemChangeLinkData);
/** The problem now waits on a change. */
export type ProblemChangeLinked = t.TypeOf<typeof ProblemChangeLinked>;
/** A change was unlinked from the problem (event codec and type). */
export const ProblemChangeUnlinked = eventCodec('ProblemChangeUnlinked', ProblemChangeLinkData);
/** A change was unlinked from the problem. */
export type ProblemChangeUnlinked = t.TypeOf<typeof ProblemChangeUnlinked>;

/** Data of {@link KnownErrorRaised} and {@link KnownErrorUpdated}: the whole content, ready to publish (codec and type). */
export const KnownErrorContentData = t.readonly(
  t.exact(t.type({ ...fact, knownErrorId: KnownErrorId, content: KnownErrorContent })),
  'KnownErrorContentData',
);
/** Data of {@link KnownErrorRaised} and {@link KnownErrorUpdated}. */
export type KnownErrorContentData = t.TypeOf<typeof KnownErrorContentData>;
/** A known error was raised from the problem (event codec and type). */
export const KnownErrorRaised = eventCodec('KnownErrorRaised', KnownErrorContentData);
/** A known error was raised. */
export type KnownErrorRaised = t.TypeOf<typeof KnownErrorRaised>;
/** The known error's content was replaced (event codec and type). */
export const KnownErrorUpdated = eventCodec('KnownErrorUpdated', KnownErrorContentData);
/** The known error's content was replaced. */
export type KnownErrorUpdated = t.TypeOf<typeof KnownErrorUpdated>;

/** Data of {@link KnownErrorRetired} (codec and type). */
export const KnownErrorRetiredData = t.readonly(
  t.exact(t.type({ ...fact, knownErrorId: KnownErrorId, reason: ShortText })),
  'KnownErrorRetiredData',
);
/** Data of {@link KnownErrorRetired}. */
export type KnownErrorRetiredData = t.TypeOf<typeof KnownErrorRetiredData>;
/** The known error was retired; it stays readable but is no longer active (event codec and type). */
export const KnownErrorRetired = eventCodec('KnownErrorRetired', KnownErrorRetiredData);
/** The known error was retired. */
export type KnownErrorRetired = t.TypeOf<typeof KnownErrorRetired>;

/** Every problem and known error event, dispatched on `type` (codec and type). */
export const ProblemEvent = messageUnion('ProblemEvent', {
  ProblemLogged,
  ProblemAssigned,
  ProblemAssessmentStarted,
  ProblemRootCauseAnalysisStarted,
  ProblemRootCauseRecorded,
  ProblemFixStarted,
  ProblemResolved,
  ProblemReanalysisStarted,
  ProblemClosed,
  ProblemIncidentLinked,
  ProblemIncidentUnlinked,
  ProblemChangeLinked,
  ProblemChangeUnlinked,
  KnownErrorRaised,
  KnownErrorUpdated,
  KnownErrorRetired,
});
/** Every problem and known error event. */
export type ProblemEvent = t.TypeOf<typeof ProblemEvent>;
/** The name of a problem event. */
export type ProblemEventType = ProblemEvent['type'];

/** Registry entries for every problem and known error event type (all at schema version 1). */
export const problemEventSchemas: readonly EventSchema[] = eventSchemasOf({
  ProblemLogged: { codec: ProblemLoggedData },
  ProblemAssigned: { codec: ProblemAssignedData },
  ProblemAssessmentStarted: { codec: ProblemFactData },
  ProblemRootCauseAnalysisStarted: { codec: ProblemFactData },
  ProblemRootCauseRecorded: { codec: ProblemRootCauseRecordedData },
  ProblemFixStarted: { codec: ProblemFixStartedData },
  ProblemResolved: { codec: ProblemResolvedData },
  ProblemReanalysisStarted: { codec: ProblemReanalysisStartedData },
  ProblemClosed: { codec: ProblemClosedData },
  ProblemIncidentLinked: { codec: ProblemIncidentLinkData },
  ProblemIncidentUnlinked: { codec: ProblemIncidentLinkData },
  ProblemChangeLinked: { codec: ProblemChangeLinkData },
  ProblemChangeUnlinked: { codec: ProblemChangeLinkData },
  KnownErrorRaised: { codec: KnownErrorContentData },
  KnownErrorUpdated: { codec: KnownErrorContentData },
  KnownErrorRetired: { codec: KnownErrorRetiredData },
});
