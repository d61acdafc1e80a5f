/**
 * The segregation-of-duties report, read from history alone: every approval
 * of a change or service request with who requested, approved and
 * implemented it (and whether they were separate people), and every refused
 * attempt the application recorded (`ChangeSegregationViolationRecorded`).
 * One pass over the log; memory grows with the number of changes and
 * requests, not with events.
 *
 * @module
 */
import { catchReadFailure, type EventStore, type ReadError } from '@itsm/event-store';
import type { Either } from 'fp-ts/lib/Either.js';

/** One approval decision with the people around it. */
export interface SodApproval {
  readonly record: string;
  readonly decision: string;
  readonly approver: string;
  readonly requester: string;
  /** Empty when nobody implemented it (yet). */
  readonly implementer: string;
  readonly at: string;
  /** The approver is neither the requester nor the implementer. */
  readonly separated: boolean;
}

/** One refused attempt that broke a segregation rule. */
export interface SodRefusal {
  readonly record: string;
  readonly rule: string;
  readonly actor: string;
  readonly attempted: string;
  readonly at: string;
}

/** The whole report. */
export interface SodReport {
  readonly approvals: readonly SodApproval[];
  readonly refusals: readonly SodRefusal[];
}

interface RecordPeople {
  requester: string;
  implementer: string;
  readonly approvals: { decision: string; approver: string; at: string }[];
}

const approvalTypes: Readonly<Record<string, string>> = {
  ChangeApproved: 'approved',
  ChangeRejected: 'rejected',
  ChangeRetrospectivelyApproved: 'approved retrospectively',
  ServiceRequestApproved: 'approved',
  ServiceRequestRejected: 'rejected',
};

/** Builds the report from the log. */
export const segregationOfDutiesReport = (store: EventStore): Promise<Either<ReadError, SodReport>> =>
  catchReadFailure(async () => {
    const records = new Map<string, RecordPeople>();
    const refusals: SodRefusal[] = [];
    const peopleOf = (record: string): RecordPeople => {
      let people = records.get(record);
      if (!people) {
        people = { requester: '', implementer: '', approvals: [] };
        records.set(record, people);
      }
      return people;
    };
    for await (const event of store.readAll()) {
      if (!event.streamId.startsWith('change-') && !event.streamId.startsWith('serviceRequest-')) continue;
      const data = (event.asStored?.data ?? event.data) as Record<string, unknown>;
      const by = typeof data['by'] === 'string' ? data['by'] : event.metadata.actor;
      const at = typeof data['at'] === 'string' ? data['at'] : event.metadata.occurredAt;
      if (event.type === 'ChangeRequested' || event.type === 'ServiceRequestSubmitted')
        peopleOf(event.streamId).requester = by;
      else if (event.type === 'ChangeImplementerAssigned' || event.type === 'ChangeImplementationStarted')
        peopleOf(event.streamId).implementer = String(data['implementer'] ?? by);
      else if (event.type in approvalTypes)
        peopleOf(event.streamId).approvals.push({
          decision: approvalTypes[event.type] ?? event.type,
          approver: by,
          at,
        });
      else if (event.type === 'ChangeSegregationViolationRecorded')
        refusals.push({
          record: event.streamId,
          rule: String(data['rule']),
          actor: String(data['attemptedBy']),
          attempted: String(data['attemptedCommand']),
          at: String(data['attemptedAt']),
        });
    }
    const approvals: SodApproval[] = [];
    for (const [record, people] of records)
      for (const approval of people.approvals)
        approvals.push({
          record,
          decision: approval.decision,
          approver: approval.approver,
          requester: people.requester,
          implementer: people.implementer,
          at: approval.at,
          // The rules: the requester never approves; an approver never implements.
          separated: approval.approver !== people.requester && approval.approver !== people.implementer,
        });
    return { approvals, refusals };
  });
