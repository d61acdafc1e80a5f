/**
 * What a catalog item version says: its name, owning group, approval rule,
 * fulfilment task templates, SLA policy and requester form. A published
 * version never changes; a service request records the version (as a
 * {@link CatalogItemVersionSnapshot}) it was made against.
 *
 * Limits: approval is by one approver group (any one member approves); task
 * templates may depend only on templates listed before them, so the
 * dependencies can never form a cycle; at most {@link TASK_TEMPLATES_MAX}
 * templates.
 *
 * @module
 */
import * as t from 'io-ts';
import { CatalogItemId, FulfilmentTaskId, GroupId, ServiceId, SlaPolicyId } from '../shared/ids.js';
import { Priority } from '../shared/priority.js';
import { LongText, ShortText } from '../shared/text.js';
import { FormFieldSpec, formSpecProblems } from './catalog-form.js';
import { exactRecord } from '../shared/message-codec.js';
import { taggedUnion } from '../shared/tagged-union.js';

/** The most fulfilment task templates one item may have. */
export const TASK_TEMPLATES_MAX = 50;

/** Whether a request for the item needs approval, and by whom (codec and type). */
export const CatalogApprovalRule = taggedUnion('CatalogApprovalRule', 'required', {
  false: t.readonly(t.exact(t.type({ required: t.literal(false) }))),
  true: t.readonly(t.exact(t.type({ required: t.literal(true), approverGroup: GroupId }))),
});
/** Whether a request for the item needs approval, and by whom. */
export type CatalogApprovalRule = t.TypeOf<typeof CatalogApprovalRule>;

/** A fulfilment task template: the task each request gets, its group and what it waits for (codec and type). */
export const FulfilmentTaskTemplate = t.readonly(
  t.exact(
    t.type({
      /** The task's id within every request made from this item. */
      taskId: FulfilmentTaskId,
      title: ShortText,
      /** The group the task is assigned to when it is created. */
      assignmentGroup: GroupId,
      /** Tasks that must be done or skipped before this one starts; each listed earlier in the templates. */
      dependsOn: t.readonlyArray(FulfilmentTaskId),
      /** An optional task may be skipped; a required one must be done for the request to be fulfilled. */
      optional: t.boolean,
    }),
  ),
  'FulfilmentTaskTemplate',
);
/** A fulfilment task template. */
export type FulfilmentTaskTemplate = t.TypeOf<typeof FulfilmentTaskTemplate>;

const definitionProps = {
  name: ShortText,
  description: LongText,
  owningGroup: GroupId,
  approval: CatalogApprovalRule,
  /** In order: the order requesters and fulfillers see them in. */
  fulfilmentTasks: t.readonlyArray(FulfilmentTaskTemplate),
  formFields: t.readonlyArray(FormFieldSpec),
};
const definitionOptionalProps = {
  /** The SLA policy that applies to requests for this item. */
  slaPolicyId: SlaPolicyId,
  /** The business service the item belongs to (SLA targets are chosen per service and priority). */
  service: ServiceId,
  /** The priority requests for this item get (for SLA targets); 4 (Low) when absent. */
  priority: Priority,
};

/** The content of one catalog item version (codec and type). */
export const CatalogItemDefinition = exactRecord('CatalogItemDefinition', definitionProps, definitionOptionalProps);
/** The content of one catalog item version. */
export type CatalogItemDefinition = t.TypeOf<typeof CatalogItemDefinition>;

/**
 * A published catalog item version as the application read it, carried by
 * commands that depend on it (codec and type).
 */
export const CatalogItemVersionSnapshot = exactRecord(
  'CatalogItemVersionSnapshot',
  {
    catalogItemId: CatalogItemId,
    version: t.Int,
    /** Whether the item could be ordered when it was read (`retired` items cannot). */
    itemStatus: t.keyof({ published: null, retired: null }),
    ...definitionProps,
  },
  definitionOptionalProps,
);
/** A published catalog item version as the application read it. */
export type CatalogItemVersionSnapshot = t.TypeOf<typeof CatalogItemVersionSnapshot>;

/** Why a definition cannot be recorded, one message per problem (empty when it is sound). */
export const definitionProblems = (definition: CatalogItemDefinition): readonly string[] => {
  const problems: string[] = [...formSpecProblems(definition.formFields)];
  const tasks = definition.fulfilmentTasks;
  if (tasks.length > TASK_TEMPLATES_MAX)
    problems.push(`at most ${TASK_TEMPLATES_MAX} fulfilment tasks, got ${tasks.length}`);
  const earlier = new Set<string>();
  tasks.forEach((task, index) => {
    const at = `fulfilmentTasks.${index} (${task.taskId})`;
    if (earlier.has(task.taskId)) problems.push(`${at}: the task id is used twice`);
    for (const dependency of task.dependsOn)
      if (!earlier.has(dependency))
        problems.push(
          dependency === task.taskId
            ? `${at}: a task cannot depend on itself`
            : `${at}: depends on ${dependency}, which is not a task listed before it`,
        );
    if (new Set(task.dependsOn).size !== task.dependsOn.length) problems.push(`${at}: a dependency is listed twice`);
    earlier.add(task.taskId);
  });
  return problems;
};
