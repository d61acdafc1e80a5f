import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import { overrideRules } from '../shared/authorization.js';
import { glpiPriorityMatrix } from '../shared/priority.js';
import { createIncidentDecider, incidentDecider } from './incident-decider.js';
import { defaultIncidentPolicy } from './incident-policy.js';
import { evolveIncident, initialIncidentState } from './incident-state.js';
import {
  INCIDENT,
  alice,
  assignedToNetwork,
  autoCloser,
  bob,
  command,
  databaseResolver,
  desk,
  event,
  inProgress,
  logData,
  logged,
  manager,
  networkResolver,
  networkResolver2,
  onHoldAwaitingCaller,
  resolved,
  resolvedHistory,
  workStarted,
} from './incident.test-fixture.js';
import type { IncidentStreamEvent } from './incident-state.js';

const spec = deciderSpec(incidentDecider);
const fold = (events: readonly IncidentStreamEvent[]) => events.reduce(evolveIncident, initialIncidentState);

describe('LogIncident', () => {
  it('logs an incident with the priority of the ITIL matrix', () => {
    spec
      .when(command('LogIncident', { ...logData, impact: 2, urgency: 1 }, desk, 0))
      .then([event('IncidentLogged', { ...logData, impact: 2, urgency: 1, priority: 2 }, desk, 0)]);
  });
  it('keeps the optional configuration item and subcategory, and links the CI', () => {
    const data = { ...logData, configurationItem: 'vpn-gw-1', subcategory: 'vpn' };
    spec.when(command('LogIncident', data, desk, 0)).then([event('IncidentLogged', { ...data, priority: 3 }, desk, 0)]);
    expect(fold([event('IncidentLogged', { ...data, priority: 3 }, desk, 0)]).links.configurationItems).toEqual([
      'vpn-gw-1',
    ]);
  });
  it('lets a caller log an incident for themselves only', () => {
    spec
      .when(command('LogIncident', logData, alice, 0))
      .then([event('IncidentLogged', { ...logData, priority: 3 }, alice, 0)]);
    spec.when(command('LogIncident', logData, bob, 0)).thenFails('ActorNotTheCaller');
  });
  it('refuses a second LogIncident on the same stream', () => {
    spec
      .given([logged])
      .when(command('LogIncident', logData, desk, 1))
      .thenFails('IncidentAlreadyLogged');
  });
  it('refuses a resolver, naming the roles that may log', () => {
    const error = spec.when(command('LogIncident', logData, networkResolver, 0)).thenFails('CommandNotAuthorized');
    expect(error).toEqual({
      _tag: 'CommandNotAuthorized',
      command: 'LogIncident',
      actor: 'net-1',
      requiredRoles: ['caller', 'service-desk-agent', 'incident-manager'],
    });
  });
  it('refuses levels beyond the matrix scale, and accepts them with a 5×5 matrix', () => {
    const error = spec
      .when(command('LogIncident', { ...logData, impact: 4 }, desk, 0))
      .thenFails('LevelOutOfMatrixScale');
    expect(error).toMatchObject({ field: 'impact', level: 4, levels: 3 });
    deciderSpec(createIncidentDecider({ ...defaultIncidentPolicy, priorityMatrix: glpiPriorityMatrix }))
      .when(command('LogIncident', { ...logData, impact: 4, urgency: 5 }, desk, 0))
      .then([event('IncidentLogged', { ...logData, impact: 4, urgency: 5, priority: 5 }, desk, 0)]);
  });
  it('refuses a command that names another incident than the stream’s', () => {
    const error = spec
      .given([logged])
      .when(command('AssignIncidentToGroup', { incidentId: 'INC-2', group: 'network' }, desk))
      .thenFails('CommandForAnotherIncident');
    expect(error).toMatchObject({ incidentId: 'INC-2', streamIncidentId: INCIDENT });
  });
  it('refuses any other command before the incident is logged', () => {
    spec.when(command('AssignIncidentToGroup', { group: 'network' }, desk)).thenFails('IncidentNotFound');
  });
});

describe('categories and priority', () => {
  it('recategorizes, recording the previous category', () => {
    spec
      .given([logged])
      .when(
        command(
          'RecategorizeIncident',
          { category: 'access', subcategory: 'vpn', reason: 'It is an account lock' },
          desk,
        ),
      )
      .then([
        event(
          'IncidentRecategorized',
          { category: 'access', subcategory: 'vpn', previousCategory: 'network', reason: 'It is an account lock' },
          desk,
        ),
      ]);
    spec
      .given([logged])
      .when(command('RecategorizeIncident', { category: 'network' }, desk))
      .thenFails('IncidentCategoryUnchanged');
  });
  it('recomputes the priority from a new impact and urgency, with the reason', () => {
    spec
      .given([logged])
      .when(command('ChangeIncidentImpactUrgency', { impact: 1, urgency: 1, reason: 'Whole floor affected' }, desk))
      .then([
        event(
          'IncidentPriorityChanged',
          {
            impact: 1,
            urgency: 1,
            priority: 1,
            previousPriority: 3,
            reason: 'Whole floor affected',
            overridden: false,
          },
          desk,
        ),
      ]);
  });
  it('refuses an unchanged impact and urgency', () => {
    spec
      .given([logged])
      .when(command('ChangeIncidentImpactUrgency', { impact: 2, urgency: 2, reason: 'Again' }, desk))
      .thenFails('IncidentImpactUrgencyUnchanged');
  });
  it('lets an incident manager override the priority with a reason, and nobody else by default', () => {
    const override = event(
      'IncidentPriorityChanged',
      { impact: 2, urgency: 2, priority: 1, previousPriority: 3, reason: 'CEO affected', overridden: true },
      manager,
    );
    spec
      .given([logged])
      .when(command('OverrideIncidentPriority', { priority: 1, reason: 'CEO affected' }, manager))
      .then([override]);
    const refused = spec
      .given([logged])
      .when(command('OverrideIncidentPriority', { priority: 1, reason: 'CEO affected' }, desk))
      .thenFails('CommandNotAuthorized');
    expect(refused.requiredRoles).toEqual(['incident-manager']);
    expect(fold([logged, override]).priorityOverride).toEqual({
      reason: 'CEO affected',
      by: 'mgr-1',
      at: override.data.at,
    });
  });
  it('refuses overriding to the current priority', () => {
    spec
      .given([logged])
      .when(command('OverrideIncidentPriority', { priority: 3, reason: 'Same' }, manager))
      .thenFails('IncidentPriorityUnchanged');
  });
  it('ends an override when impact and urgency are reassessed, even to the same values', () => {
    const override = event(
      'IncidentPriorityChanged',
      { impact: 2, urgency: 2, priority: 1, previousPriority: 3, reason: 'CEO affected', overridden: true },
      manager,
    );
    const state = spec
      .given([logged, override])
      .when(command('ChangeIncidentImpactUrgency', { impact: 2, urgency: 2, reason: 'Back to the matrix' }, desk, 2))
      .thenState(
        fold([
          logged,
          override,
          event(
            'IncidentPriorityChanged',
            {
              impact: 2,
              urgency: 2,
              priority: 3,
              previousPriority: 1,
              reason: 'Back to the matrix',
              overridden: false,
            },
            desk,
            2,
          ),
        ]),
      );
    expect(state.priority).toBe(3);
    expect(state.priorityOverride).toBeUndefined();
  });
  it('follows an overridden authorization rule', () => {
    const relaxed = createIncidentDecider({
      ...defaultIncidentPolicy,
      authorization: overrideRules(defaultIncidentPolicy.authorization, {
        OverrideIncidentPriority: ['service-desk-agent'],
      }),
    });
    deciderSpec(relaxed)
      .given([logged])
      .when(command('OverrideIncidentPriority', { priority: 2, reason: 'Desk lead decided' }, desk))
      .then([
        event(
          'IncidentPriorityChanged',
          { impact: 2, urgency: 2, priority: 2, previousPriority: 3, reason: 'Desk lead decided', overridden: true },
          desk,
        ),
      ]);
  });
});

describe('assignment', () => {
  it('assigns to a group and refuses the same group again', () => {
    spec
      .given([logged])
      .when(command('AssignIncidentToGroup', { group: 'network' }, desk, 1))
      .then([assignedToNetwork]);
    spec
      .given([logged, assignedToNetwork])
      .when(command('AssignIncidentToGroup', { group: 'network' }, desk))
      .thenFails('IncidentAlreadyAssignedToGroup');
  });
  it('needs a group before an agent', () => {
    spec
      .given([logged])
      .when(command('AssignIncidentToAgent', { agent: 'net-1', agentGroups: ['network'] }, desk))
      .thenFails('IncidentNotAssignedToGroup');
  });
  it('refuses an agent who is not a member of the assigned group', () => {
    const error = spec
      .given([logged, assignedToNetwork])
      .when(command('AssignIncidentToAgent', { agent: 'db-1', agentGroups: ['database'] }, desk))
      .thenFails('AgentNotMemberOfAssignedGroup');
    expect(error).toMatchObject({ agent: 'db-1', group: 'network', agentGroups: ['database'] });
  });
  it('moves the incident to InProgress when an agent of the group is assigned', () => {
    const state = spec
      .given([logged, assignedToNetwork])
      .when(command('AssignIncidentToAgent', { agent: 'net-1', agentGroups: ['network', 'vpn'] }, networkResolver, 2))
      .thenState(fold(inProgress));
    expect(state).toMatchObject({ status: 'InProgress', group: 'network', agent: 'net-1' });
    spec
      .given(inProgress)
      .when(command('AssignIncidentToAgent', { agent: 'net-1', agentGroups: ['network'] }, desk))
      .thenFails('IncidentAlreadyAssignedToAgent');
  });
  it('releases the agent when the incident moves to another group', () => {
    const moved = event('IncidentAssignedToGroup', { group: 'database' }, desk, 3);
    spec
      .given(inProgress)
      .when(command('AssignIncidentToGroup', { group: 'database' }, desk, 3))
      .then([moved]);
    expect(fold([...inProgress, moved])).toMatchObject({ status: 'InProgress', group: 'database', agent: undefined });
  });
  it('lets resolvers act only on incidents of their own group', () => {
    const error = spec
      .given([logged, assignedToNetwork])
      .when(command('AssignIncidentToAgent', { agent: 'db-1', agentGroups: ['network'] }, databaseResolver))
      .thenFails('ActorNotInAssignedGroup');
    expect(error).toMatchObject({ actor: 'db-1', group: 'network', role: 'resolver' });
    spec
      .given([logged])
      .when(command('AssignIncidentToGroup', { group: 'network' }, networkResolver))
      .thenFails('ActorNotInAssignedGroup');
    spec
      .given(inProgress)
      .when(command('AssignIncidentToAgent', { agent: 'net-2', agentGroups: ['network'] }, networkResolver2, 3))
      .then([event('IncidentAssignedToAgent', { group: 'network', agent: 'net-2' }, networkResolver2, 3)]);
  });
});

describe('work, comments and notes', () => {
  it('records the first response once, only when an agent is assigned', () => {
    spec
      .given([logged, assignedToNetwork])
      .when(command('StartIncidentWork', {}, desk))
      .thenFails('IncidentNotAssigned');
    spec
      .given(inProgress)
      .when(command('StartIncidentWork', {}, networkResolver, 3))
      .then([workStarted]);
    spec
      .given([...inProgress, workStarted])
      .when(command('StartIncidentWork', {}, networkResolver, 4))
      .thenFails('IncidentWorkAlreadyStarted');
    spec
      .given([...inProgress, onHoldAwaitingCaller])
      .when(command('StartIncidentWork', {}, networkResolver, 5))
      .thenFails('IncidentNotInProgress');
  });
  it('adds public comments, marking the caller’s', () => {
    spec
      .given(inProgress)
      .when(command('AddIncidentComment', { text: 'Looking into it' }, networkResolver, 3))
      .then([event('IncidentCommentAdded', { text: 'Looking into it', byCaller: false }, networkResolver, 3)]);
    spec
      .given(inProgress)
      .when(command('AddIncidentComment', { text: 'Still broken' }, alice, 3))
      .then([event('IncidentCommentAdded', { text: 'Still broken', byCaller: true }, alice, 3)]);
  });
  it('keeps other callers out of an incident', () => {
    spec
      .given(inProgress)
      .when(command('AddIncidentComment', { text: 'Me too' }, bob, 3))
      .thenFails('ActorNotTheCaller');
  });
  it('resumes automatically when the caller replies to an incident awaiting the caller', () => {
    spec
      .given([...inProgress, onHoldAwaitingCaller])
      .when(command('AddIncidentComment', { text: 'Here is the log file' }, alice, 5))
      .then([
        event('IncidentCommentAdded', { text: 'Here is the log file', byCaller: true }, alice, 5),
        event('IncidentResumed', { automatic: true }, alice, 5),
      ]);
  });
  it('does not resume on a comment while awaiting a vendor, nor on an agent’s comment while awaiting the caller', () => {
    const awaitingVendor = event('IncidentPutOnHold', { reason: 'awaiting-vendor' }, networkResolver, 4);
    spec
      .given([...inProgress, awaitingVendor])
      .when(command('AddIncidentComment', { text: 'Any news?' }, alice, 5))
      .then([event('IncidentCommentAdded', { text: 'Any news?', byCaller: true }, alice, 5)]);
    spec
      .given([...inProgress, onHoldAwaitingCaller])
      .when(command('AddIncidentComment', { text: 'Reminder: please send the log' }, networkResolver, 5))
      .then([
        event('IncidentCommentAdded', { text: 'Reminder: please send the log', byCaller: false }, networkResolver, 5),
      ]);
  });
  it('keeps work notes private to support: callers cannot add them', () => {
    spec
      .given(inProgress)
      .when(command('AddIncidentWorkNote', { text: 'Gateway logs show MTU issues' }, networkResolver, 3))
      .then([event('IncidentWorkNoteAdded', { text: 'Gateway logs show MTU issues' }, networkResolver, 3)]);
    spec
      .given(inProgress)
      .when(command('AddIncidentWorkNote', { text: 'hi' }, alice, 3))
      .thenFails('CommandNotAuthorized');
  });
});

describe('on hold', () => {
  it('puts an incident in progress on hold with a reason and a note', () => {
    spec
      .given(inProgress)
      .when(command('PutIncidentOnHold', { reason: 'awaiting-vendor', note: 'Case 4711 opened' }, networkResolver, 4))
      .then([event('IncidentPutOnHold', { reason: 'awaiting-vendor', note: 'Case 4711 opened' }, networkResolver, 4)]);
  });
  it('refuses New and OnHold incidents', () => {
    spec
      .given([logged])
      .when(command('PutIncidentOnHold', { reason: 'awaiting-caller' }, desk))
      .thenFails('IncidentNotInProgress');
    spec
      .given([...inProgress, onHoldAwaitingCaller])
      .when(command('PutIncidentOnHold', { reason: 'awaiting-change' }, networkResolver, 5))
      .thenFails('IncidentAlreadyOnHold');
  });
  it('resumes manually, and only from OnHold', () => {
    const state = spec
      .given([...inProgress, onHoldAwaitingCaller])
      .when(command('ResumeIncident', {}, networkResolver, 5))
      .thenState(
        fold([...inProgress, onHoldAwaitingCaller, event('IncidentResumed', { automatic: false }, networkResolver, 5)]),
      );
    expect(state).toMatchObject({ status: 'InProgress', onHoldReason: undefined });
    spec
      .given(inProgress)
      .when(command('ResumeIncident', {}, networkResolver, 5))
      .thenFails('IncidentNotOnHold');
  });
});

describe('escalation and major incidents', () => {
  it('escalates functionally by reassigning to the target group', () => {
    spec
      .given(inProgress)
      .when(
        command(
          'EscalateIncident',
          { escalation: { kind: 'functional', toGroup: 'network-tier-2' }, reason: 'Needs firewall access' },
          networkResolver,
          3,
        ),
      )
      .then([
        event(
          'IncidentEscalated',
          { kind: 'functional', toGroup: 'network-tier-2', reason: 'Needs firewall access' },
          networkResolver,
          3,
        ),
        event('IncidentAssignedToGroup', { group: 'network-tier-2' }, networkResolver, 3),
      ]);
    spec
      .given(inProgress)
      .when(
        command(
          'EscalateIncident',
          { escalation: { kind: 'functional', toGroup: 'network' }, reason: 'Same' },
          desk,
          3,
        ),
      )
      .thenFails('IncidentAlreadyAssignedToGroup');
  });
  it('escalates hierarchically to ever higher levels within the policy', () => {
    const level1 = event('IncidentEscalated', { kind: 'hierarchic', level: 1, reason: 'SLA at risk' }, desk, 3);
    spec
      .given(inProgress)
      .when(
        command('EscalateIncident', { escalation: { kind: 'hierarchic', level: 1 }, reason: 'SLA at risk' }, desk, 3),
      )
      .then([level1]);
    expect(
      spec
        .given([...inProgress, level1])
        .when(command('EscalateIncident', { escalation: { kind: 'hierarchic', level: 1 }, reason: 'Again' }, desk, 4))
        .thenFails('EscalationLevelNotRaised'),
    ).toMatchObject({ level: 1, currentLevel: 1 });
    spec
      .given(inProgress)
      .when(command('EscalateIncident', { escalation: { kind: 'hierarchic', level: 4 }, reason: 'Board' }, desk, 3))
      .thenFails('EscalationLevelOutOfRange');
    expect(fold([...inProgress, level1]).hierarchicLevel).toBe(1);
  });
  it('declares and undeclares a major incident, by incident managers only', () => {
    const declared = event('IncidentMajorDeclared', { reason: 'All VPN users down' }, manager, 3);
    spec
      .given(inProgress)
      .when(command('DeclareMajorIncident', { reason: 'All VPN users down' }, manager, 3))
      .then([declared]);
    spec
      .given(inProgress)
      .when(command('DeclareMajorIncident', { reason: 'All VPN users down' }, desk, 3))
      .thenFails('CommandNotAuthorized');
    spec
      .given([...inProgress, declared])
      .when(command('DeclareMajorIncident', { reason: 'Again' }, manager, 4))
      .thenFails('IncidentAlreadyMajor');
    spec
      .given([...inProgress, declared])
      .when(command('UndeclareMajorIncident', { reason: 'Only one site' }, manager, 4))
      .then([event('IncidentMajorUndeclared', { reason: 'Only one site' }, manager, 4)]);
    spec
      .given(inProgress)
      .when(command('UndeclareMajorIncident', { reason: 'x' }, manager, 4))
      .thenFails('IncidentNotMajor');
  });
});

describe('parent, children and links', () => {
  it('sets a parent', () => {
    spec
      .given([logged])
      .when(command('SetIncidentParent', { parent: 'INC-0', parentAncestors: ['INC-00'] }, desk))
      .then([event('IncidentParentSet', { parent: 'INC-0' }, desk)]);
  });
  it('refuses to make an incident its own parent or ancestor', () => {
    spec
      .given([logged])
      .when(command('SetIncidentParent', { parent: INCIDENT, parentAncestors: [] }, desk))
      .thenFails('IncidentParentCycle');
    const error = spec
      .given([logged])
      .when(command('SetIncidentParent', { parent: 'INC-7', parentAncestors: ['INC-5', INCIDENT, 'INC-0'] }, desk))
      .thenFails('IncidentParentCycle');
    expect(error).toMatchObject({ parent: 'INC-7', parentAncestors: ['INC-5', INCIDENT, 'INC-0'] });
  });
  it('refuses the same parent twice', () => {
    spec
      .given([logged, event('IncidentParentSet', { parent: 'INC-0' }, desk)])
      .when(command('SetIncidentParent', { parent: 'INC-0', parentAncestors: [] }, desk, 2))
      .thenFails('IncidentParentUnchanged');
  });
  it('links problems, changes and configuration items once each', () => {
    const problem = event('IncidentProblemLinked', { problem: 'PRB-1' }, networkResolver, 3);
    spec
      .given(inProgress)
      .when(command('LinkIncidentToProblem', { problem: 'PRB-1' }, networkResolver, 3))
      .then([problem]);
    spec
      .given([...inProgress, problem])
      .when(command('LinkIncidentToProblem', { problem: 'PRB-1' }, desk, 4))
      .thenFails('IncidentAlreadyLinked');
    spec
      .given(inProgress)
      .when(command('LinkIncidentToChange', { change: 'CHG-9', relation: 'caused-by' }, networkResolver, 3))
      .then([event('IncidentChangeLinked', { change: 'CHG-9', relation: 'caused-by' }, networkResolver, 3)]);
    spec
      .given(inProgress)
      .when(
        command(
          'LinkIncidentToConfigurationItem',
          { configurationItem: 'fw-2', configurationItemRetired: false },
          networkResolver,
          3,
        ),
      )
      .then([event('IncidentConfigurationItemLinked', { configurationItem: 'fw-2' }, networkResolver, 3)]);
    expect(fold([...inProgress, problem]).links.problems).toEqual(['PRB-1']);
  });
  it('refuses a retired configuration item', () => {
    spec
      .given(inProgress)
      .when(
        command(
          'LinkIncidentToConfigurationItem',
          { configurationItem: 'old-fw', configurationItemRetired: true },
          desk,
          3,
        ),
      )
      .thenFails('ConfigurationItemRetired');
  });
});

describe('resolution', () => {
  const resolve = (actor = networkResolver, extra: Record<string, unknown> = {}) =>
    command(
      'ResolveIncident',
      {
        resolutionCode: 'solved-permanently',
        resolutionNotes: 'Replaced the VPN profile.',
        resolvedChildren: [],
        ...extra,
      },
      actor,
      10,
    );
  it('resolves an assigned incident with code and notes', () => {
    spec
      .given([...inProgress, workStarted])
      .when(resolve())
      .then([resolved]);
  });
  it('records the children a parent resolution resolves and the knowledge article used', () => {
    spec
      .given(inProgress)
      .when(resolve(networkResolver, { resolvedChildren: ['INC-2', 'INC-3'], knowledgeArticle: 'KB-12' }))
      .then([
        event(
          'IncidentResolved',
          {
            resolutionCode: 'solved-permanently',
            resolutionNotes: 'Replaced the VPN profile.',
            resolvedChildren: ['INC-2', 'INC-3'],
            knowledgeArticle: 'KB-12',
          },
          networkResolver,
          10,
        ),
      ]);
    spec
      .given(inProgress)
      .when(resolve(networkResolver, { resolvedChildren: [INCIDENT] }))
      .thenFails('InvalidResolvedChildren');
    spec
      .given(inProgress)
      .when(resolve(networkResolver, { resolvedChildren: ['INC-2', 'INC-2'] }))
      .thenFails('InvalidResolvedChildren');
  });
  it('needs an assigned agent', () => {
    spec.given([logged, assignedToNetwork]).when(resolve(desk)).thenFails('IncidentNotAssigned');
  });
  it('refuses resolvers outside the group and a second resolution', () => {
    spec.given(inProgress).when(resolve(databaseResolver)).thenFails('ActorNotInAssignedGroup');
    spec.given(resolvedHistory).when(resolve()).thenFails('IncidentAlreadyResolved');
  });
  it('resolves from OnHold too, clearing the hold reason', () => {
    const state = fold([...inProgress, onHoldAwaitingCaller, resolved]);
    expect(state).toMatchObject({
      status: 'Resolved',
      onHoldReason: undefined,
      resolution: { code: 'solved-permanently' },
    });
    spec
      .given([...inProgress, onHoldAwaitingCaller])
      .when(resolve())
      .then([resolved]);
  });
  it('closes when the caller confirms', () => {
    spec
      .given(resolvedHistory)
      .when(command('ConfirmIncidentResolution', {}, alice, 12))
      .then([
        event('IncidentResolutionConfirmed', {}, alice, 12),
        event('IncidentClosed', { closure: 'confirmed' }, alice, 12),
      ]);
    spec
      .given(resolvedHistory)
      .when(command('ConfirmIncidentResolution', {}, bob, 12))
      .thenFails('ActorNotTheCaller');
    spec
      .given(inProgress)
      .when(command('ConfirmIncidentResolution', {}, alice, 12))
      .thenFails('IncidentNotResolved');
  });
  it('goes back to InProgress when the caller rejects', () => {
    const rejected = event('IncidentResolutionRejected', { reason: 'Still dropping' }, alice, 12);
    spec
      .given(resolvedHistory)
      .when(command('RejectIncidentResolution', { reason: 'Still dropping' }, alice, 12))
      .then([rejected]);
    expect(fold([...resolvedHistory, rejected])).toMatchObject({
      status: 'InProgress',
      resolution: undefined,
      reopenCount: 0,
    });
  });
});

describe('reopen and close', () => {
  it('reopens within the window, counting reopens', () => {
    const first = event('IncidentReopened', { reason: 'Back again', reopenCount: 1 }, alice, 20);
    spec
      .given(resolvedHistory)
      .when(command('ReopenIncident', { reason: 'Back again' }, alice, 20))
      .then([first]);
    const resolvedAgain = event(
      'IncidentResolved',
      { resolutionCode: 'solved-workaround', resolutionNotes: 'Pinned MTU.', resolvedChildren: [] },
      networkResolver,
      30,
    );
    spec
      .given([...resolvedHistory, first, resolvedAgain])
      .when(command('ReopenIncident', { reason: 'And again' }, desk, 40))
      .then([event('IncidentReopened', { reason: 'And again', reopenCount: 2 }, desk, 40)]);
  });
  it('refuses a reopen after the window (3 days by default) and honours a configured window', () => {
    const late = command('ReopenIncident', { reason: 'Late' }, alice, 10 + 72 + 1);
    const error = spec.given(resolvedHistory).when(late).thenFails('IncidentReopenWindowElapsed');
    expect(error).toMatchObject({ windowDays: 3 });
    deciderSpec(createIncidentDecider({ ...defaultIncidentPolicy, reopenWindowDays: 7 }))
      .given(resolvedHistory)
      .when(late)
      .then([event('IncidentReopened', { reason: 'Late', reopenCount: 1 }, alice, 10 + 72 + 1)]);
  });
  it('never reopens a closed incident', () => {
    const closed = event('IncidentClosed', { closure: 'confirmed' }, desk, 12);
    spec
      .given([...resolvedHistory, closed])
      .when(command('ReopenIncident', { reason: 'x' }, alice, 13))
      .thenFails('IncidentAlreadyClosed');
  });
  it('closes a resolved incident at the desk', () => {
    spec
      .given(resolvedHistory)
      .when(command('CloseIncident', {}, desk, 12))
      .then([event('IncidentClosed', { closure: 'confirmed' }, desk, 12)]);
    spec
      .given(inProgress)
      .when(command('CloseIncident', {}, desk, 12))
      .thenFails('IncidentNotResolved');
  });
  it('auto-closes only after the configured days in Resolved, and only as a process', () => {
    spec
      .given(resolvedHistory)
      .when(command('AutoCloseIncident', {}, autoCloser, 10 + 71))
      .thenFails('IncidentAutoCloseTooEarly');
    spec
      .given(resolvedHistory)
      .when(command('AutoCloseIncident', {}, autoCloser, 10 + 72))
      .then([event('IncidentClosed', { closure: 'auto-closed' }, autoCloser, 10 + 72)]);
    spec
      .given(resolvedHistory)
      .when(command('AutoCloseIncident', {}, desk, 10 + 72))
      .thenFails('CommandNotAuthorized');
    deciderSpec(createIncidentDecider({ ...defaultIncidentPolicy, autoCloseAfterDays: 7 }))
      .given(resolvedHistory)
      .when(command('AutoCloseIncident', {}, autoCloser, 10 + 72))
      .thenFails('IncidentAutoCloseTooEarly');
  });
  it('treats Closed as terminal for every command', () => {
    const closedHistory = [...resolvedHistory, event('IncidentClosed', { closure: 'confirmed' }, desk, 12)];
    const attempts = [
      command('AddIncidentComment', { text: 'thanks' }, alice, 13),
      command('AddIncidentWorkNote', { text: 'note' }, desk, 13),
      command('AssignIncidentToGroup', { group: 'database' }, desk, 13),
      command('CloseIncident', {}, desk, 13),
      command('CancelIncident', { reason: 'not-an-incident' }, desk, 13),
      command('LinkIncidentToProblem', { problem: 'PRB-2' }, desk, 13),
    ];
    for (const attempt of attempts) spec.given(closedHistory).when(attempt).thenFails('IncidentAlreadyClosed');
  });
});

describe('cancel', () => {
  it('cancels a duplicate with the original as reference', () => {
    spec
      .given([logged])
      .when(command('CancelIncident', { reason: 'duplicate', reference: 'INC-0' }, desk))
      .then([event('IncidentCancelled', { reason: 'duplicate', reference: 'INC-0' }, desk)]);
  });
  it('needs a reference other than itself for a duplicate', () => {
    spec
      .given([logged])
      .when(command('CancelIncident', { reason: 'duplicate' }, desk))
      .thenFails('DuplicateReferenceInvalid');
    spec
      .given([logged])
      .when(command('CancelIncident', { reason: 'duplicate', reference: INCIDENT }, desk))
      .thenFails('DuplicateReferenceInvalid');
  });
  it('cancels what is not an incident, and refuses resolved ones', () => {
    const cancelled = event(
      'IncidentCancelled',
      { reason: 'not-an-incident', note: 'A request for a new laptop' },
      desk,
    );
    spec
      .given([logged])
      .when(command('CancelIncident', { reason: 'not-an-incident', note: 'A request for a new laptop' }, desk))
      .then([cancelled]);
    spec
      .given(resolvedHistory)
      .when(command('CancelIncident', { reason: 'not-an-incident' }, desk, 12))
      .thenFails('IncidentAlreadyResolved');
    spec
      .given([logged, cancelled])
      .when(command('ResumeIncident', {}, desk, 2))
      .thenFails('IncidentAlreadyCancelled');
    spec
      .given([logged])
      .when(command('CancelIncident', { reason: 'not-an-incident' }, alice))
      .thenFails('CommandNotAuthorized');
  });
});
