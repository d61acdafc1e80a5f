/**
 * Segregation of duties, recorded. The decider refuses a violation with a
 * typed error ({@link ChangeSegregationViolation}) and records nothing — a
 * refused command never writes. For the audit trail the application then
 * issues the command {@link segregationViolationCommandOf} builds from the
 * refusal; the decider appends `ChangeSegregationViolationRecorded` (after
 * checking the report is consistent with the change), even on a closed or
 * cancelled change. The original command and the record are two commands:
 * the refusal stays a refusal, and the record says who attempted what, when.
 *
 * Limits: the record is as complete as the application makes it — a refusal
 * the application does not report is not recorded.
 *
 * @module
 */
import type { Actor } from '../shared/actor.js';
import type { CommandMetadata } from '../shared/command-metadata.js';
import { ShortText } from '../shared/text.js';
import type { ChangeCommand, RecordChangeSegregationViolation } from './change-commands.js';
import type { ChangeSegregationViolation } from './change-errors.js';

/** Whether a refusal (from the decider, or any error `handleCommand` returns) is a segregation-of-duties violation. */
export const isSegregationViolation = (error: { readonly _tag: string }): error is ChangeSegregationViolation =>
  error._tag === 'ChangeRequesterCannotApprove' ||
  error._tag === 'ChangeImplementerCannotApprove' ||
  error._tag === 'ChangeApproverCannotImplement';

/**
 * The command that records a refused command's segregation-of-duties
 * violation, issued by `recorder` (typically the application's process
 * actor); `undefined` when the refusal is of another kind. When the refused
 * command had an id, the record's id is derived from it, so reporting the
 * same refusal twice is deduplicated by the command handler.
 */
export const segregationViolationCommandOf = (
  refused: ChangeCommand,
  error: { readonly _tag: string },
  recorder: Actor,
): RecordChangeSegregationViolation | undefined => {
  if (!isSegregationViolation(error)) return undefined;
  const attemptedCommand = refused.type;
  if (!ShortText.is(attemptedCommand)) return undefined;
  // The implementer named by AssignChangeImplementer is the one who would break the rule, not the manager assigning.
  const attemptedBy =
    error._tag === 'ChangeApproverCannotImplement' && refused.type === 'AssignChangeImplementer'
      ? refused.data.implementer
      : refused.metadata.actor.id;
  const commandId = refused.metadata.commandId === undefined ? undefined : `sod:${refused.metadata.commandId}`;
  const metadata: CommandMetadata = {
    actor: recorder,
    occurredAt: refused.metadata.occurredAt,
    correlationId: refused.metadata.correlationId,
    ...(commandId !== undefined && ShortText.is(commandId) ? { commandId } : {}),
  };
  return {
    type: 'RecordChangeSegregationViolation',
    data: {
      changeId: refused.data.changeId,
      attemptedCommand,
      attemptedBy,
      rule: error.rule,
      attemptedAt: refused.metadata.occurredAt,
    },
    metadata,
  };
};
