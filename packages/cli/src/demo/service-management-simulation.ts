/**
 * Everything in the demo besides incidents: the configuration items behind
 * the services, the service catalog and service requests with approvals and
 * fulfilment tasks, a recurring VPN problem with a known error published as a
 * knowledge article and fixed by a normal change through the CAB (whose fix
 * resolves the linked incidents through the problem → incident process),
 * weekly standard changes, an emergency change approved retrospectively, a
 * high-risk change that is backed out and reviewed, and a change manager's
 * attempt to approve her own change, refused and recorded for the audit.
 *
 * @module
 */
import {
  Actor,
  CatalogItem,
  Change,
  ConfigurationItem,
  Incident,
  KnowledgeArticle,
  Problem,
  ServiceRequest,
  catalogItemSnapshotOf,
  defaultProblemIncidentPolicy,
  problemIncidentCommands,
  segregationViolationCommandOf,
  type CatalogItemState,
  type ChangeCommand,
  type ProblemEvent,
} from '@itsm/domain';
import type { DemoDesk, DeskCommand } from './demo-desk.js';
import { afterWorkingMinutes } from './demo-clock.js';
import {
  cabMembers,
  catalogManager,
  changeManager,
  configurationManager,
  demoCallers,
  demoServices,
  groupOf,
  knowledgeManager,
  problemManager,
  processActor,
  requestApprover,
  type DemoActor,
} from './demo-organization.js';
import type { IncidentSimulation } from './incident-simulation.js';
import type { SimulationAgenda } from './simulation-agenda.js';
import type { SeededRandom } from './seeded-random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const laptop = {
  name: 'New laptop',
  description: 'A standard laptop, configured and delivered to your desk.',
  owningGroup: 'workplace',
  approval: { required: true, approverGroup: 'approvers' },
  fulfilmentTasks: [
    { taskId: 'order', title: 'Order the laptop', assignmentGroup: 'workplace', dependsOn: [], optional: false },
    {
      taskId: 'configure',
      title: 'Install and configure',
      assignmentGroup: 'workplace',
      dependsOn: ['order'],
      optional: false,
    },
    {
      taskId: 'accessories',
      title: 'Add a docking station',
      assignmentGroup: 'workplace',
      dependsOn: ['order'],
      optional: true,
    },
    {
      taskId: 'deliver',
      title: 'Deliver and hand over',
      assignmentGroup: 'workplace',
      dependsOn: ['configure'],
      optional: false,
    },
  ],
  formFields: [
    { name: 'model', kind: 'choice', required: true, choices: ['13-inch', '15-inch'] },
    { name: 'justification', kind: 'text', required: true, maxLength: 500 },
    { name: 'docking', kind: 'boolean', required: false },
  ],
};

const vpnAccess = {
  name: 'VPN access',
  description: 'Remote access through the company VPN.',
  owningGroup: 'network',
  approval: { required: false },
  fulfilmentTasks: [
    { taskId: 'grant', title: 'Grant VPN access', assignmentGroup: 'network', dependsOn: [], optional: false },
  ],
  formFields: [{ name: 'reason', kind: 'text', required: true, maxLength: 200 }],
};

/** Drives problems, changes, requests, configuration items and knowledge in the demo. */
export class ServiceManagementSimulation {
  private readonly snapshots = new Map<string, unknown>();
  private requestSequence = 0;
  private changeSequence = 0;

  /** Creates the simulation. */
  constructor(
    private readonly desk: DemoDesk,
    private readonly agenda: SimulationAgenda,
    private readonly random: SeededRandom,
    private readonly incidents: IncidentSimulation,
  ) {}

  private async issue(
    aggregate: Parameters<DemoDesk['issue']>[0],
    actor: DemoActor,
    at: number,
    type: string,
    data: Record<string, unknown>,
    correlation: string,
  ) {
    return this.desk.issue(aggregate, actor, at, { type, data } as DeskCommand, correlation);
  }

  /** Registers the configuration items and publishes the catalog before the simulated month starts. */
  async prepare(start: number): Promise<void> {
    let at = start - 7 * DAY;
    const next = () => (at += MINUTE);
    const facts = (id: string, ciClass: string) => ({
      configurationItemId: id,
      exists: true,
      ciClass,
      lifecycle: 'in-production',
      partOfAncestors: [],
    });
    for (const service of demoServices) {
      const owner = service.resolverGroup;
      const items: [string, string, string][] = [
        [`svc-${service.id}`, `${service.name} (business service)`, 'service'],
        [service.configurationItem, `${service.name} application`, 'application'],
        [`${service.configurationItem}-host`, `${service.name} host`, 'server'],
      ];
      for (const [id, name, ciClass] of items) {
        await this.issue(
          ConfigurationItem,
          configurationManager,
          next(),
          'RegisterConfigurationItem',
          { configurationItemId: id, name, ciClass, ownerGroup: owner, attributes: { environment: 'production' } },
          `cmdb-${service.id}`,
        );
        await this.issue(
          ConfigurationItem,
          configurationManager,
          next(),
          'PutConfigurationItemIntoProduction',
          { configurationItemId: id },
          `cmdb-${service.id}`,
        );
      }
      await this.issue(
        ConfigurationItem,
        configurationManager,
        next(),
        'AddConfigurationItemRelationship',
        {
          configurationItemId: `svc-${service.id}`,
          relationshipType: 'depends-on',
          target: facts(service.configurationItem, 'application'),
        },
        `cmdb-${service.id}`,
      );
      await this.issue(
        ConfigurationItem,
        configurationManager,
        next(),
        'AddConfigurationItemRelationship',
        {
          configurationItemId: service.configurationItem,
          relationshipType: 'runs-on',
          target: facts(`${service.configurationItem}-host`, 'server'),
        },
        `cmdb-${service.id}`,
      );
    }
    for (const [id, definition] of [
      ['laptop', laptop],
      ['vpn-access', vpnAccess],
    ] as const) {
      await this.issue(
        CatalogItem,
        catalogManager,
        next(),
        'DraftCatalogItem',
        { catalogItemId: id, definition },
        `catalog-${id}`,
      );
      const published = await this.issue(
        CatalogItem,
        catalogManager,
        next(),
        'PublishCatalogItem',
        { catalogItemId: id },
        `catalog-${id}`,
      );
      if (!published.ok) throw new Error(`the demo catalog item ${id} was not published: ${published.tag}`);
      this.snapshots.set(id, catalogItemSnapshotOf(published.state as CatalogItemState));
    }
  }

  /** Schedules the month's problems, changes and requests. */
  schedule(start: number, end: number): void {
    const r = this.random;
    for (let day = start; day < end; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const requests = r.integer(2, 6);
      for (let i = 0; i < requests; i++) {
        const at = day + 7 * HOUR + r.integer(0, 9 * 60) * MINUTE;
        this.agenda.schedule(at, 'service request', () => this.submitRequest(at));
      }
      if (weekday === 2)
        this.agenda.schedule(day + 17 * HOUR, 'standard change', () => this.standardChange(day + 17 * HOUR));
    }
    const problemDay = start + 3 * DAY + 10 * HOUR;
    if (problemDay < end) this.agenda.schedule(problemDay, 'problem', () => this.vpnProblem(problemDay, end));
    const emergencyDay = start + 9 * DAY + 21 * HOUR;
    if (emergencyDay < end)
      this.agenda.schedule(emergencyDay, 'emergency change', () => this.emergencyChange(emergencyDay));
    const riskyDay = start + 15 * DAY + 9 * HOUR;
    if (riskyDay < end) this.agenda.schedule(riskyDay, 'high-risk change', () => this.highRiskChange(riskyDay, end));
  }

  // ── service requests ──────────────────────────────────────────────────────

  private async submitRequest(at: number): Promise<void> {
    const r = this.random;
    const itemId = r.chance(0.6) ? 'laptop' : 'vpn-access';
    const requester = r.pick(demoCallers);
    const id = `REQ${String(++this.requestSequence).padStart(5, '0')}`;
    const answers =
      itemId === 'laptop'
        ? {
            model: r.pick(['13-inch', '15-inch']),
            justification: 'My current laptop is four years old.',
            docking: r.chance(0.5),
          }
        : { reason: 'Working from home two days a week.' };
    const correlation = `request-${id}`;
    const submitted = await this.issue(
      ServiceRequest,
      requester,
      at,
      'SubmitServiceRequest',
      { serviceRequestId: id, catalogItem: this.snapshots.get(itemId), requestedFor: requester.id, answers },
      correlation,
    );
    if (!submitted.ok) return;
    let when = at;
    if (itemId === 'laptop') {
      // The requester tries to approve their own request once in a while: segregation of duties refuses it.
      if (r.chance(0.05))
        await this.issue(
          ServiceRequest,
          { ...requester, roles: ['caller'], groups: ['approvers'] },
          when + MINUTE,
          'ApproveServiceRequest',
          { serviceRequestId: id },
          correlation,
        );
      when = afterWorkingMinutes(at, r.integer(30, 480));
      if (r.chance(0.1)) {
        await this.issue(
          ServiceRequest,
          requestApprover,
          when,
          'RejectServiceRequest',
          { serviceRequestId: id, reason: 'Laptop replaced less than two years ago.' },
          correlation,
        );
        return;
      }
      const approved = await this.issue(
        ServiceRequest,
        requestApprover,
        when,
        'ApproveServiceRequest',
        { serviceRequestId: id, comment: 'Approved within budget.' },
        correlation,
      );
      if (!approved.ok) return;
    }
    const tasks = itemId === 'laptop' ? laptop.fulfilmentTasks : vpnAccess.fulfilmentTasks;
    const group = groupOf(tasks[0]?.assignmentGroup ?? 'workplace');
    const fulfiller = r.pick(group.agents);
    const worker: DemoActor = { ...fulfiller, roles: [...fulfiller.roles, 'request-fulfiller'] };
    for (const task of tasks) {
      when = afterWorkingMinutes(when, r.integer(20, 300));
      const stamp = when;
      if (task.optional && !(answers as { docking?: boolean }).docking) {
        this.agenda.schedule(stamp, 'skip task', async () => {
          await this.issue(
            ServiceRequest,
            worker,
            stamp,
            'SkipFulfilmentTask',
            { serviceRequestId: id, taskId: task.taskId, reason: 'No docking station wanted.' },
            correlation,
          );
        });
        continue;
      }
      this.agenda.schedule(stamp, 'fulfil task', async () => {
        await this.issue(
          ServiceRequest,
          worker,
          stamp,
          'AssignFulfilmentTask',
          {
            serviceRequestId: id,
            taskId: task.taskId,
            assignmentGroup: group.id,
            assignee: { agent: worker.id, isMemberOfGroup: true },
          },
          correlation,
        );
        await this.issue(
          ServiceRequest,
          worker,
          stamp + MINUTE,
          'StartFulfilmentTask',
          { serviceRequestId: id, taskId: task.taskId },
          correlation,
        );
        await this.issue(
          ServiceRequest,
          worker,
          stamp + 30 * MINUTE,
          'CompleteFulfilmentTask',
          { serviceRequestId: id, taskId: task.taskId, note: `${task.title}: done.` },
          correlation,
        );
      });
    }
  }

  // ── changes ───────────────────────────────────────────────────────────────

  private nextChangeId(): string {
    return `CHG${String(++this.changeSequence).padStart(4, '0')}`;
  }

  /** Issues a change command; a segregation-of-duties refusal is recorded as an event by the process. */
  private async change(actor: DemoActor, at: number, type: string, data: Record<string, unknown>) {
    const correlation = `change-${String(data['changeId'])}`;
    const outcome = await this.issue(Change, actor, at, type, data, correlation);
    if (outcome.ok) return outcome;
    const recorder = Actor.decode({ id: processActor.id, roles: processActor.roles, groups: processActor.groups });
    if (recorder._tag === 'Right') {
      // The refused command keeps its command id, so the record's id derives from it (and the log is reproducible).
      const record = segregationViolationCommandOf(
        outcome.command as ChangeCommand,
        outcome.detail as { readonly _tag: string },
        recorder.right,
      );
      if (record !== undefined) await this.desk.issueBuilt(Change, record);
    }
    return outcome;
  }

  private async standardChange(at: number): Promise<void> {
    const id = this.nextChangeId();
    const implementer = this.random.pick(groupOf('workplace').agents);
    const doer: DemoActor = { ...implementer, roles: [...implementer.roles, 'change-implementer'] };
    await this.change(doer, at, 'RequestChange', {
      changeId: id,
      changeType: 'standard',
      title: 'Weekly workstation patching',
      description: 'Apply the approved monthly security updates to the workstation fleet.',
      configurationItems: ['workplace-fleet'],
      standardTemplate: { templateId: 'workstation-patching', approved: true },
    });
    await this.change(doer, at + MINUTE, 'PlanChange', {
      changeId: id,
      plannedStart: new Date(at + HOUR).toISOString(),
      plannedEnd: new Date(at + 3 * HOUR).toISOString(),
    });
    await this.change(changeManager, at + 2 * MINUTE, 'AssignChangeImplementer', {
      changeId: id,
      implementer: doer.id,
    });
    await this.change(doer, at + HOUR, 'StartChangeImplementation', { changeId: id });
    await this.change(doer, at + 2 * HOUR, 'RecordChangeImplementationOutcome', {
      changeId: id,
      outcome: 'successful',
      notes: 'All workstations patched.',
    });
    await this.change(changeManager, afterWorkingMinutes(at + 2 * HOUR, 30), 'CloseChange', {
      changeId: id,
      closureNotes: 'Patched as planned.',
    });
  }

  private async emergencyChange(at: number): Promise<void> {
    const id = this.nextChangeId();
    const implementer: DemoActor = { ...groupOf('database').agents[0]!, roles: ['resolver', 'change-implementer'] };
    await this.change(implementer, at, 'RequestChange', {
      changeId: id,
      changeType: 'emergency',
      title: 'Restore the payroll export job',
      description: 'The export job fails after a disk filled up; payroll runs tomorrow morning.',
      configurationItems: ['payroll-db'],
      justification: 'Salaries cannot be paid without the export.',
    });
    await this.change(implementer, at + 5 * MINUTE, 'PlanChange', {
      changeId: id,
      plannedStart: new Date(at + 30 * MINUTE).toISOString(),
      plannedEnd: new Date(at + 90 * MINUTE).toISOString(),
    });
    await this.change(implementer, at + 6 * MINUTE, 'RequestChangeAuthorization', { changeId: id });
    await this.change(cabMembers[0]!, at + 15 * MINUTE, 'ApproveChange', {
      changeId: id,
      group: 'ecab',
      comment: 'Go: payroll is due.',
    });
    await this.change(changeManager, at + 16 * MINUTE, 'AssignChangeImplementer', {
      changeId: id,
      implementer: implementer.id,
    });
    await this.change(implementer, at + 30 * MINUTE, 'StartChangeImplementation', { changeId: id });
    await this.change(implementer, at + 80 * MINUTE, 'RecordChangeImplementationOutcome', {
      changeId: id,
      outcome: 'successful',
      notes: 'Disk extended, job rerun.',
    });
    const review = afterWorkingMinutes(at, 60);
    await this.change(changeManager, review, 'RecordPostImplementationReview', {
      changeId: id,
      findings: 'Monitoring for disk usage was missing; added.',
      objectivesMet: true,
    });
    await this.change(cabMembers[1]!, review + 30 * MINUTE, 'ApproveEmergencyChangeRetrospectively', {
      changeId: id,
      comment: 'Justified: payroll would have been late.',
    });
    await this.change(changeManager, review + HOUR, 'CloseChange', {
      changeId: id,
      closureNotes: 'Emergency change reviewed and approved retrospectively.',
    });
  }

  private async highRiskChange(at: number, end: number): Promise<void> {
    const id = this.nextChangeId();
    // The change manager raises it herself, then tries to approve it: segregation of duties refuses and the attempt is recorded.
    await this.change(changeManager, at, 'RequestChange', {
      changeId: id,
      changeType: 'normal',
      title: 'Migrate the ERP database to new storage',
      description: 'Move the ERP database files to the new storage array over the weekend.',
      configurationItems: ['erp-app', 'erp-app-host'],
    });
    await this.change(changeManager, at + 10 * MINUTE, 'SubmitChangeForAssessment', { changeId: id });
    await this.change(changeManager, at + 30 * MINUTE, 'AssessChangeRisk', {
      changeId: id,
      answers: [
        { questionId: 'users-affected', answerId: 'many' },
        { questionId: 'complexity', answerId: 'complex' },
        { questionId: 'backout', answerId: 'untested' },
        { questionId: 'history', answerId: 'never' },
        { questionId: 'outage', answerId: 'yes' },
      ],
    });
    const saturday = at + 4 * DAY + 11 * HOUR;
    await this.change(changeManager, at + HOUR, 'PlanChange', {
      changeId: id,
      plannedStart: new Date(saturday).toISOString(),
      plannedEnd: new Date(saturday + 4 * HOUR).toISOString(),
    });
    await this.change(changeManager, at + HOUR + MINUTE, 'RequestChangeAuthorization', { changeId: id });
    await this.change(changeManager, at + 2 * HOUR, 'ApproveChange', {
      changeId: id,
      group: 'change-managers',
      comment: 'Approving my own change.',
    });
    const deputy: DemoActor = { id: 'dario', roles: ['change-manager'], groups: ['change-managers'] };
    await this.change(deputy, at + 3 * HOUR, 'ApproveChange', {
      changeId: id,
      group: 'change-managers',
      comment: 'Back-out plan reviewed.',
    });
    await this.change(cabMembers[0]!, at + 26 * HOUR, 'ApproveChange', {
      changeId: id,
      group: 'cab',
      comment: 'Accepted at the CAB meeting.',
    });
    await this.change(cabMembers[2]!, at + 26 * HOUR + MINUTE, 'ApproveChange', {
      changeId: id,
      group: 'cab',
      comment: 'Accepted at the CAB meeting.',
    });
    const implementer: DemoActor = { ...groupOf('database').agents[1]!, roles: ['resolver', 'change-implementer'] };
    await this.change(deputy, at + 27 * HOUR, 'AssignChangeImplementer', { changeId: id, implementer: implementer.id });
    if (saturday + 5 * HOUR >= end) return;
    this.agenda.schedule(saturday, 'implement high-risk change', async () => {
      await this.change(implementer, saturday, 'StartChangeImplementation', { changeId: id });
      await this.change(implementer, saturday + 3 * HOUR, 'RecordChangeImplementationOutcome', {
        changeId: id,
        outcome: 'backed-out',
        notes: 'Copy throughput too low; rolled back within the window.',
      });
      const monday = afterWorkingMinutes(saturday, 60);
      await this.change(changeManager, monday, 'RecordPostImplementationReview', {
        changeId: id,
        findings: 'The storage link was limited to 1 Gbit/s; retry after the upgrade.',
        objectivesMet: false,
      });
      await this.change(changeManager, monday + HOUR, 'CloseChange', {
        changeId: id,
        closureNotes: 'Backed out; a new change follows the network upgrade.',
      });
    });
  }

  // ── problem, known error, knowledge and the fixing change ─────────────────

  private async vpnProblem(at: number, end: number): Promise<void> {
    const problemId = 'PRB0001';
    const correlation = `problem-${problemId}`;
    const problem = (actor: DemoActor, when: number, type: string, data: Record<string, unknown> = {}) =>
      this.issue(Problem, actor, when, type, { problemId, ...data }, correlation);
    await problem(problemManager, at, 'LogProblem', {
      title: 'VPN connections drop every few hours',
      description: 'Recurring VPN incidents: sessions drop and users must reconnect.',
      impact: 2,
      urgency: 2,
      serviceId: 'vpn',
      affectedCis: ['vpn-gateway'],
    });
    await problem(problemManager, at + 5 * MINUTE, 'AssignProblem', {
      assignmentGroup: 'network',
      assignee: problemManager.id,
    });
    // Incidents still being worked wait for the problem's fix, on hold.
    const vpnIncidents = this.incidents
      .incidentsOf('vpn')
      .filter((incident) => incident.status === 'InProgress')
      .slice(-6);
    for (const [index, incident] of vpnIncidents.entries()) {
      const when = at + (10 + index) * MINUTE;
      await problem(problemManager, when, 'LinkProblemIncident', { incidentId: incident.id });
      await this.issue(
        Incident,
        problemManager,
        when,
        'LinkIncidentToProblem',
        { incidentId: incident.id, problem: problemId },
        correlation,
      );
      await this.incidents.holdForProblem(incident, when);
    }
    await problem(problemManager, at + HOUR, 'StartProblemAssessment');
    await problem(problemManager, at + 3 * HOUR, 'StartRootCauseAnalysis');
    const rcaDone = afterWorkingMinutes(at, 8 * 60);
    await problem(problemManager, rcaDone, 'RecordProblemRootCause', {
      rootCause: 'The VPN gateway drops sessions when its idle timer and the client keep-alive disagree.',
    });
    const content = {
      symptom: 'VPN sessions drop every few hours; reconnecting works.',
      rootCause: 'Idle timer on the gateway shorter than the client keep-alive.',
      workaround: 'Set the client keep-alive to 60 seconds.',
      affectedCis: ['vpn-gateway'],
    };
    const raised = await problem(problemManager, rcaDone + 10 * MINUTE, 'RaiseKnownError', {
      knownErrorId: 'KE0001',
      content,
    });
    if (raised.ok) {
      const published = await this.issue(
        KnowledgeArticle,
        knowledgeManager,
        rcaDone + HOUR,
        'PublishKnownErrorAsArticle',
        {
          articleId: 'KB0001',
          knownError: {
            knownErrorId: 'KE0001',
            problemId,
            title: 'VPN sessions drop every few hours',
            ...content,
            revision: 1,
            status: 'active',
            updatedAt: new Date(rcaDone + 10 * MINUTE).toISOString(),
          },
        },
        correlation,
      );
      if (published.ok) this.incidents.knowledgeArticles.set('vpn', 'KB0001');
    }
    // The fix is a normal change through the CAB, raised by the problem manager.
    const changeId = this.nextChangeId();
    await this.change(problemManager, rcaDone + 2 * HOUR, 'RequestChange', {
      changeId,
      changeType: 'normal',
      title: 'Align the VPN gateway idle timer',
      description: 'Raise the gateway idle timer to 10 minutes to match the client keep-alive.',
      configurationItems: ['vpn-gateway'],
    });
    await problem(problemManager, rcaDone + 2 * HOUR + MINUTE, 'LinkProblemChange', { changeId });
    await problem(problemManager, rcaDone + 2 * HOUR + 2 * MINUTE, 'StartProblemFix', {
      fixPlan: `Change ${changeId} aligns the timers.`,
    });
    await this.change(problemManager, rcaDone + 2 * HOUR + 3 * MINUTE, 'SubmitChangeForAssessment', { changeId });
    await this.change(changeManager, rcaDone + 3 * HOUR, 'AssessChangeRisk', {
      changeId,
      answers: [
        { questionId: 'users-affected', answerId: 'many' },
        { questionId: 'complexity', answerId: 'simple' },
        { questionId: 'backout', answerId: 'tested' },
        { questionId: 'history', answerId: 'never' },
        { questionId: 'outage', answerId: 'no' },
      ],
    });
    const window = afterWorkingMinutes(rcaDone, 2 * 9 * 60) + 3 * HOUR;
    await this.change(changeManager, rcaDone + 3 * HOUR + MINUTE, 'PlanChange', {
      changeId,
      plannedStart: new Date(window).toISOString(),
      plannedEnd: new Date(window + HOUR).toISOString(),
    });
    await this.change(changeManager, rcaDone + 3 * HOUR + 2 * MINUTE, 'RequestChangeAuthorization', { changeId });
    // The requester may not approve the change he raised.
    await this.change(
      { ...problemManager, roles: [...problemManager.roles, 'cab-member'], groups: [...problemManager.groups, 'cab'] },
      rcaDone + 4 * HOUR,
      'ApproveChange',
      { changeId, group: 'cab', comment: 'My own fix, approving.' },
    );
    await this.change(changeManager, rcaDone + 5 * HOUR, 'ApproveChange', {
      changeId,
      group: 'change-managers',
      comment: 'Low effort, tested back-out.',
    });
    await this.change(cabMembers[1]!, rcaDone + 6 * HOUR, 'ApproveChange', { changeId, group: 'cab', comment: 'OK.' });
    const implementer: DemoActor = { ...groupOf('network').agents[0]!, roles: ['resolver', 'change-implementer'] };
    await this.change(changeManager, rcaDone + 6 * HOUR + MINUTE, 'AssignChangeImplementer', {
      changeId,
      implementer: implementer.id,
    });
    if (window + 2 * DAY >= end) return;
    this.agenda.schedule(window, 'implement the VPN fix', async () => {
      await this.change(implementer, window, 'StartChangeImplementation', { changeId });
      await this.change(implementer, window + 40 * MINUTE, 'RecordChangeImplementationOutcome', {
        changeId,
        outcome: 'successful',
        notes: 'Idle timer raised; sessions stable overnight.',
      });
      const verified = afterWorkingMinutes(window, 9 * 60);
      await this.change(changeManager, verified, 'CloseChange', { changeId, closureNotes: 'No VPN drops since.' });
      const resolved = await problem(problemManager, verified + HOUR, 'ResolveProblem', {
        resolutionCode: 'fix-applied',
        resolutionNotes: `Fixed by ${changeId}.`,
      });
      if (!resolved.ok) return;
      // The problem → incident process: notes and resolutions for every incident still linked.
      // The resolution event carries the incidents linked at that moment, which is all the process needs.
      const events = resolved.events.map((event) => ({ type: event.type, data: event.data }) as ProblemEvent);
      for (const command of problemIncidentCommands(defaultProblemIncidentPolicy)(events))
        await this.desk.issueBuilt(Incident, command);
      const closeAt = afterWorkingMinutes(verified, 5 * 9 * 60);
      if (closeAt < end)
        this.agenda.schedule(closeAt, 'close problem', async () => {
          await problem(problemManager, closeAt, 'CloseProblem', {
            closureCode: 'fix-applied',
            closureNotes: 'Fix verified for a week.',
          });
        });
    });
  }
}
