/**
 * Incident commands: io-ts codecs for each command's data and the union of
 * every incident command, `{ type, data, metadata }`. Unknown fields in the
 * data are stripped; malformed input (wrong types, missing fields, unknown
 * enum values, non-ISO times, oversized text) is refused with path-level
 * messages by `decodeInput`, before anything is decided.
 *
 * Limits: facts the application checked arrive in the data and are not looked
 * up here — the groups an agent belongs to (`agentGroups`), the ancestor chain
 * of a prospective parent (`parentAncestors`), whether a configuration item is
 * retired (`configurationItemRetired`), the open children a parent's
 * resolution resolves (`resolvedChildren`). The decider refuses inconsistent
 * facts; it cannot detect facts the application misreported.
 *
 * @module
 */
import * as t from 'io-ts';
import {
  ArticleId,
  ChangeId,
  ConfigurationItemId,
  GroupId,
  IncidentId,
  ProblemId,
  ServiceId,
  UserId,
} from '../shared/ids.js';
import { Level, Priority } from '../shared/priority.js';
import { LongText, ShortText } from '../shared/text.js';
import {
  CancellationReason,
  ChangeRelation,
  HierarchicLevel,
  IncidentChannel,
  NoteText,
  OnHoldReason,
  ResolutionCode,
} from './incident-events.js';
import { exactRecord, messageUnion } from '../shared/message-codec.js';
import { commandCodec } from '../shared/message-envelope.js';

const commandData = <P extends t.Props, O extends t.Props>(name: string, required: P, optional: O) =>
  exactRecord(name, { incidentId: IncidentId, ...required }, optional);

/** Data of {@link LogIncident} (codec and type). */
export const LogIncidentData = commandData(
  'LogIncidentData',
  {
    caller: UserId,
    service: ServiceId,
    category: ShortText,
    impact: Level,
    urgency: Level,
    channel: IncidentChannel,
    shortDescription: ShortText,
    description: LongText,
  },
  { configurationItem: ConfigurationItemId, subcategory: ShortText },
);
/** Data of {@link LogIncident}. */
export type LogIncidentData = t.TypeOf<typeof LogIncidentData>;
/** Logs a new incident; its priority comes from the policy's matrix (command codec and type). */
export const LogIncident = commandCodec('LogIncident', LogIncidentData);
/** Logs a new incident. */
export type LogIncident = t.TypeOf<typeof LogIncident>;

/** Data of {@link RecategorizeIncident} (codec and type). */
export const RecategorizeIncidentData = commandData(
  'RecategorizeIncidentData',
  { category: ShortText },
  { subcategory: ShortText, reason: ShortText },
);
/** Data of {@link RecategorizeIncident}. */
export type RecategorizeIncidentData = t.TypeOf<typeof RecategorizeIncidentData>;
/** Changes an incident's category and subcategory (command codec and type). */
export const RecategorizeIncident = commandCodec('RecategorizeIncident', RecategorizeIncidentData);
/** Changes an incident's category. */
export type RecategorizeIncident = t.TypeOf<typeof RecategorizeIncident>;

/** Data of {@link ChangeIncidentImpactUrgency} (codec and type). */
export const ChangeIncidentImpactUrgencyData = commandData(
  'ChangeIncidentImpactUrgencyData',
  { impact: Level, urgency: Level, reason: ShortText },
  {},
);
/** Data of {@link ChangeIncidentImpactUrgency}. */
export type ChangeIncidentImpactUrgencyData = t.TypeOf<typeof ChangeIncidentImpactUrgencyData>;
/** Reassesses impact and urgency; the priority is recomputed from the matrix and any override ends (command codec and type). */
export const ChangeIncidentImpactUrgency = commandCodec('ChangeIncidentImpactUrgency', ChangeIncidentImpactUrgencyData);
/** Reassesses impact and urgency. */
export type ChangeIncidentImpactUrgency = t.TypeOf<typeof ChangeIncidentImpactUrgency>;

/** Data of {@link OverrideIncidentPriority} (codec and type). */
export const OverrideIncidentPriorityData = commandData(
  'OverrideIncidentPriorityData',
  { priority: Priority, reason: ShortText },
  {},
);
/** Data of {@link OverrideIncidentPriority}. */
export type OverrideIncidentPriorityData = t.TypeOf<typeof OverrideIncidentPriorityData>;
/** Sets the priority against the matrix, with a recorded reason (command codec and type). */
export const OverrideIncidentPriority = commandCodec('OverrideIncidentPriority', OverrideIncidentPriorityData);
/** Sets the priority against the matrix. */
export type OverrideIncidentPriority = t.TypeOf<typeof OverrideIncidentPriority>;

/** Data of {@link AssignIncidentToGroup} (codec and type). */
export const AssignIncidentToGroupData = commandData('AssignIncidentToGroupData', { group: GroupId }, {});
/** Data of {@link AssignIncidentToGroup}. */
export type AssignIncidentToGroupData = t.TypeOf<typeof AssignIncidentToGroupData>;
/** Assigns (or reassigns) an incident to a group, releasing any agent (command codec and type). */
export const AssignIncidentToGroup = commandCodec('AssignIncidentToGroup', AssignIncidentToGroupData);
/** Assigns an incident to a group. */
export type AssignIncidentToGroup = t.TypeOf<typeof AssignIncidentToGroup>;

/** Data of {@link AssignIncidentToAgent}: the agent and the groups the application found them a member of (codec and type). */
export const AssignIncidentToAgentData = commandData(
  'AssignIncidentToAgentData',
  { agent: UserId, agentGroups: t.readonlyArray(GroupId) },
  {},
);
/** Data of {@link AssignIncidentToAgent}. */
export type AssignIncidentToAgentData = t.TypeOf<typeof AssignIncidentToAgentData>;
/** Assigns an incident to an agent of its group (command codec and type). */
export const AssignIncidentToAgent = commandCodec('AssignIncidentToAgent', AssignIncidentToAgentData);
/** Assigns an incident to an agent. */
export type AssignIncidentToAgent = t.TypeOf<typeof AssignIncidentToAgent>;

/** Data of {@link StartIncidentWork} (codec and type). */
export const StartIncidentWorkData = commandData('StartIncidentWorkData', {}, {});
/** Data of {@link StartIncidentWork}. */
export type StartIncidentWorkData = t.TypeOf<typeof StartIncidentWorkData>;
/** Records the first response: the assigned agent starts work (command codec and type). */
export const StartIncidentWork = commandCodec('StartIncidentWork', StartIncidentWorkData);
/** Records the first response. */
export type StartIncidentWork = t.TypeOf<typeof StartIncidentWork>;

/** Data of {@link AddIncidentComment} (codec and type). */
export const AddIncidentCommentData = commandData('AddIncidentCommentData', { text: NoteText }, {});
/** Data of {@link AddIncidentComment}. */
export type AddIncidentCommentData = t.TypeOf<typeof AddIncidentCommentData>;
/** Adds a public comment; the caller's comment resumes an incident awaiting the caller (command codec and type). */
export const AddIncidentComment = commandCodec('AddIncidentComment', AddIncidentCommentData);
/** Adds a public comment. */
export type AddIncidentComment = t.TypeOf<typeof AddIncidentComment>;

/** Data of {@link AddIncidentWorkNote} (codec and type). */
export const AddIncidentWorkNoteData = commandData('AddIncidentWorkNoteData', { text: NoteText }, {});
/** Data of {@link AddIncidentWorkNote}. */
export type AddIncidentWorkNoteData = t.TypeOf<typeof AddIncidentWorkNoteData>;
/** Adds a private work note (command codec and type). */
export const AddIncidentWorkNote = commandCodec('AddIncidentWorkNote', AddIncidentWorkNoteData);
/** Adds a private work note. */
export type AddIncidentWorkNote = t.TypeOf<typeof AddIncidentWorkNote>;

/** Data of {@link PutIncidentOnHold} (codec and type). */
export const PutIncidentOnHoldData = commandData('PutIncidentOnHoldData', { reason: OnHoldReason }, { note: LongText });
/** Data of {@link PutIncidentOnHold}. */
export type PutIncidentOnHoldData = t.TypeOf<typeof PutIncidentOnHoldData>;
/** Puts an incident in progress on hold (command codec and type). */
export const PutIncidentOnHold = commandCodec('PutIncidentOnHold', PutIncidentOnHoldData);
/** Puts an incident on hold. */
export type PutIncidentOnHold = t.TypeOf<typeof PutIncidentOnHold>;

/** Data of {@link ResumeIncident} (codec and type). */
export const ResumeIncidentData = commandData('ResumeIncidentData', {}, {});
/** Data of {@link ResumeIncident}. */
export type ResumeIncidentData = t.TypeOf<typeof ResumeIncidentData>;
/** Resumes work on an incident on hold (command codec and type). */
export const ResumeIncident = commandCodec('ResumeIncident', ResumeIncidentData);
/** Resumes work on an incident on hold. */
export type ResumeIncident = t.TypeOf<typeof ResumeIncident>;

/** A functional escalation: to another group or tier (codec and type). */
export const FunctionalEscalation = t.readonly(
  t.exact(t.type({ kind: t.literal('functional'), toGroup: GroupId })),
  'FunctionalEscalation',
);
/** A functional escalation. */
export type FunctionalEscalation = t.TypeOf<typeof FunctionalEscalation>;
/** A hierarchic escalation: to management, at a level (codec and type). */
export const HierarchicEscalation = t.readonly(
  t.exact(t.type({ kind: t.literal('hierarchic'), level: HierarchicLevel })),
  'HierarchicEscalation',
);
/** A hierarchic escalation. */
export type HierarchicEscalation = t.TypeOf<typeof HierarchicEscalation>;

/** Data of {@link EscalateIncident}: the escalation and why (codec and type). */
export const EscalateIncidentData = commandData(
  'EscalateIncidentData',
  { escalation: t.union([FunctionalEscalation, HierarchicEscalation], 'Escalation'), reason: ShortText },
  {},
);
/** Data of {@link EscalateIncident}. */
export type EscalateIncidentData = t.TypeOf<typeof EscalateIncidentData>;
/** Escalates an incident, functionally (reassigning it) or hierarchically (command codec and type). */
export const EscalateIncident = commandCodec('EscalateIncident', EscalateIncidentData);
/** Escalates an incident. */
export type EscalateIncident = t.TypeOf<typeof EscalateIncident>;

/** Data of {@link DeclareMajorIncident} (codec and type). */
export const DeclareMajorIncidentData = commandData('DeclareMajorIncidentData', { reason: ShortText }, {});
/** Data of {@link DeclareMajorIncident}. */
export type DeclareMajorIncidentData = t.TypeOf<typeof DeclareMajorIncidentData>;
/** Declares an incident a major incident (command codec and type). */
export const DeclareMajorIncident = commandCodec('DeclareMajorIncident', DeclareMajorIncidentData);
/** Declares a major incident. */
export type DeclareMajorIncident = t.TypeOf<typeof DeclareMajorIncident>;

/** Data of {@link UndeclareMajorIncident} (codec and type). */
export const UndeclareMajorIncidentData = commandData('UndeclareMajorIncidentData', { reason: ShortText }, {});
/** Data of {@link UndeclareMajorIncident}. */
export type UndeclareMajorIncidentData = t.TypeOf<typeof UndeclareMajorIncidentData>;
/** Downgrades a major incident (command codec and type). */
export const UndeclareMajorIncident = commandCodec('UndeclareMajorIncident', UndeclareMajorIncidentData);
/** Downgrades a major incident. */
export type UndeclareMajorIncident = t.TypeOf<typeof UndeclareMajorIncident>;

/**
 * Data of {@link SetIncidentParent}: the parent and the parent's ancestor
 * chain as the application read it (parent's parent first) (codec and type).
 */
export const SetIncidentParentData = commandData(
  'SetIncidentParentData',
  { parent: IncidentId, parentAncestors: t.readonlyArray(IncidentId) },
  {},
);
/** Data of {@link SetIncidentParent}. */
export type SetIncidentParentData = t.TypeOf<typeof SetIncidentParentData>;
/** Makes an incident the child of another (command codec and type). */
export const SetIncidentParent = commandCodec('SetIncidentParent', SetIncidentParentData);
/** Makes an incident the child of another. */
export type SetIncidentParent = t.TypeOf<typeof SetIncidentParent>;

/** Data of {@link LinkIncidentToProblem} (codec and type). */
export const LinkIncidentToProblemData = commandData('LinkIncidentToProblemData', { problem: ProblemId }, {});
/** Data of {@link LinkIncidentToProblem}. */
export type LinkIncidentToProblemData = t.TypeOf<typeof LinkIncidentToProblemData>;
/** Links an incident to a problem (command codec and type). */
export const LinkIncidentToProblem = commandCodec('LinkIncidentToProblem', LinkIncidentToProblemData);
/** Links an incident to a problem. */
export type LinkIncidentToProblem = t.TypeOf<typeof LinkIncidentToProblem>;

/** Data of {@link LinkIncidentToChange} (codec and type). */
export const LinkIncidentToChangeData = commandData(
  'LinkIncidentToChangeData',
  { change: ChangeId, relation: ChangeRelation },
  {},
);
/** Data of {@link LinkIncidentToChange}. */
export type LinkIncidentToChangeData = t.TypeOf<typeof LinkIncidentToChangeData>;
/** Links an incident to a change (command codec and type). */
export const LinkIncidentToChange = commandCodec('LinkIncidentToChange', LinkIncidentToChangeData);
/** Links an incident to a change. */
export type LinkIncidentToChange = t.TypeOf<typeof LinkIncidentToChange>;

/** Data of {@link LinkIncidentToConfigurationItem}: the CI and whether the application found it retired (codec and type). */
export const LinkIncidentToConfigurationItemData = commandData(
  'LinkIncidentToConfigurationItemData',
  { configurationItem: ConfigurationItemId, configurationItemRetired: t.boolean },
  {},
);
/** Data of {@link LinkIncidentToConfigurationItem}. */
export type LinkIncidentToConfigurationItemData = t.TypeOf<typeof LinkIncidentToConfigurationItemData>;
/** Links an incident to a further configuration item (command codec and type). */
export const LinkIncidentToConfigurationItem = commandCodec(
  'LinkIncidentToConfigurationItem',
  LinkIncidentToConfigurationItemData,
);
/** Links an incident to a configuration item. */
export type LinkIncidentToConfigurationItem = t.TypeOf<typeof LinkIncidentToConfigurationItem>;

/**
 * Data of {@link ResolveIncident}: resolution code and notes (mandatory), the
 * open child incidents this resolution resolves (as the application found
 * them; empty for an incident without children) and the knowledge article
 * used, if any (codec and type).
 */
export const ResolveIncidentData = commandData(
  'ResolveIncidentData',
  { resolutionCode: ResolutionCode, resolutionNotes: NoteText, resolvedChildren: t.readonlyArray(IncidentId) },
  { knowledgeArticle: ArticleId },
);
/** Data of {@link ResolveIncident}. */
export type ResolveIncidentData = t.TypeOf<typeof ResolveIncidentData>;
/** Resolves an assigned incident (command codec and type). */
export const ResolveIncident = commandCodec('ResolveIncident', ResolveIncidentData);
/** Resolves an incident. */
export type ResolveIncident = t.TypeOf<typeof ResolveIncident>;

/** Data of {@link ConfirmIncidentResolution} (codec and type). */
export const ConfirmIncidentResolutionData = commandData('ConfirmIncidentResolutionData', {}, {});
/** Data of {@link ConfirmIncidentResolution}. */
export type ConfirmIncidentResolutionData = t.TypeOf<typeof ConfirmIncidentResolutionData>;
/** The caller confirms the resolution; the incident closes (command codec and type). */
export const ConfirmIncidentResolution = commandCodec('ConfirmIncidentResolution', ConfirmIncidentResolutionData);
/** The caller confirms the resolution. */
export type ConfirmIncidentResolution = t.TypeOf<typeof ConfirmIncidentResolution>;

/** Data of {@link RejectIncidentResolution} (codec and type). */
export const RejectIncidentResolutionData = commandData('RejectIncidentResolutionData', { reason: ShortText }, {});
/** Data of {@link RejectIncidentResolution}. */
export type RejectIncidentResolutionData = t.TypeOf<typeof RejectIncidentResolutionData>;
/** The caller rejects the resolution; the incident goes back in progress (command codec and type). */
export const RejectIncidentResolution = commandCodec('RejectIncidentResolution', RejectIncidentResolutionData);
/** The caller rejects the resolution. */
export type RejectIncidentResolution = t.TypeOf<typeof RejectIncidentResolution>;

/** Data of {@link ReopenIncident} (codec and type). */
export const ReopenIncidentData = commandData('ReopenIncidentData', { reason: ShortText }, {});
/** Data of {@link ReopenIncident}. */
export type ReopenIncidentData = t.TypeOf<typeof ReopenIncidentData>;
/** Reopens a resolved incident within the reopen window (command codec and type). */
export const ReopenIncident = commandCodec('ReopenIncident', ReopenIncidentData);
/** Reopens a resolved incident. */
export type ReopenIncident = t.TypeOf<typeof ReopenIncident>;

/** Data of {@link CloseIncident} (codec and type). */
export const CloseIncidentData = commandData('CloseIncidentData', {}, {});
/** Data of {@link CloseIncident}. */
export type CloseIncidentData = t.TypeOf<typeof CloseIncidentData>;
/** Closes a resolved incident after confirmation obtained outside the tool (command codec and type). */
export const CloseIncident = commandCodec('CloseIncident', CloseIncidentData);
/** Closes a resolved incident. */
export type CloseIncident = t.TypeOf<typeof CloseIncident>;

/** Data of {@link AutoCloseIncident} (codec and type). */
export const AutoCloseIncidentData = commandData('AutoCloseIncidentData', {}, {});
/** Data of {@link AutoCloseIncident}. */
export type AutoCloseIncidentData = t.TypeOf<typeof AutoCloseIncidentData>;
/** A process closes an incident resolved for the policy's number of days (command codec and type). */
export const AutoCloseIncident = commandCodec('AutoCloseIncident', AutoCloseIncidentData);
/** A process closes a long-resolved incident. */
export type AutoCloseIncident = t.TypeOf<typeof AutoCloseIncident>;

/** Data of {@link CancelIncident}: why, and the reference (the original incident of a duplicate) (codec and type). */
export const CancelIncidentData = commandData(
  'CancelIncidentData',
  { reason: CancellationReason },
  { reference: ShortText, note: LongText },
);
/** Data of {@link CancelIncident}. */
export type CancelIncidentData = t.TypeOf<typeof CancelIncidentData>;
/** Cancels an open incident as a duplicate or as not an incident (command codec and type). */
export const CancelIncident = commandCodec('CancelIncident', CancelIncidentData);
/** Cancels an incident. */
export type CancelIncident = t.TypeOf<typeof CancelIncident>;

/** The codec of every incident command, by command type. */
export const incidentCommandCodecs = {
  LogIncident,
  RecategorizeIncident,
  ChangeIncidentImpactUrgency,
  OverrideIncidentPriority,
  AssignIncidentToGroup,
  AssignIncidentToAgent,
  StartIncidentWork,
  AddIncidentComment,
  AddIncidentWorkNote,
  PutIncidentOnHold,
  ResumeIncident,
  EscalateIncident,
  DeclareMajorIncident,
  UndeclareMajorIncident,
  SetIncidentParent,
  LinkIncidentToProblem,
  LinkIncidentToChange,
  LinkIncidentToConfigurationItem,
  ResolveIncident,
  ConfirmIncidentResolution,
  RejectIncidentResolution,
  ReopenIncident,
  CloseIncident,
  AutoCloseIncident,
  CancelIncident,
} as const;

/** The name of an incident command type. */
export type IncidentCommandType = keyof typeof incidentCommandCodecs;

/** Every incident command, dispatched on `type` (codec and type). */
export const IncidentCommand = messageUnion('IncidentCommand', incidentCommandCodecs);
/** Every incident command. */
export type IncidentCommand = t.TypeOf<(typeof incidentCommandCodecs)[IncidentCommandType]>;
