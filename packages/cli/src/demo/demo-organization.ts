/**
 * The simulated organisation of the demo: business services, assignment
 * groups with their agents, callers, managers, the CAB and the processes.
 * Actors are plain data with ITIL roles, as an application would resolve them
 * from its identity provider.
 *
 * @module
 */

/** A simulated person or process, in the shape of the domain's `Actor`. */
export interface DemoActor {
  readonly id: string;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
}

/** An assignment group and its agents. */
export interface DemoGroup {
  readonly id: string;
  readonly name: string;
  readonly agents: readonly DemoActor[];
}

/** A business service, the group that resolves its incidents, and how often it fails. */
export interface DemoService {
  readonly id: string;
  readonly name: string;
  readonly resolverGroup: string;
  /** Relative share of incidents. */
  readonly weight: number;
  /** Categories callers report for it. */
  readonly categories: readonly string[];
  /** The configuration item that runs it. */
  readonly configurationItem: string;
}

const agent = (id: string, group: string, extraRoles: readonly string[] = []): DemoActor => ({
  id,
  roles: ['resolver', 'service-desk-agent', ...extraRoles],
  groups: [group],
});

/** The assignment groups. */
export const demoGroups: readonly DemoGroup[] = [
  { id: 'service-desk', name: 'Service Desk', agents: ['ana', 'ben', 'chloe'].map((n) => agent(n, 'service-desk')) },
  { id: 'network', name: 'Network', agents: ['dev', 'eli'].map((n) => agent(n, 'network', ['change-implementer'])) },
  {
    id: 'applications',
    name: 'Applications',
    agents: ['fay', 'gus', 'hana'].map((n) => agent(n, 'applications', ['change-implementer'])),
  },
  { id: 'database', name: 'Database', agents: ['ivan', 'jo'].map((n) => agent(n, 'database', ['change-implementer'])) },
  {
    id: 'workplace',
    name: 'Workplace',
    agents: ['kai', 'lea'].map((n) => agent(n, 'workplace', ['request-fulfiller'])),
  },
];

/** The business services. */
export const demoServices: readonly DemoService[] = [
  {
    id: 'email',
    name: 'Email',
    resolverGroup: 'applications',
    weight: 5,
    categories: ['mailbox', 'delivery', 'calendar'],
    configurationItem: 'mail-cluster',
  },
  {
    id: 'vpn',
    name: 'VPN',
    resolverGroup: 'network',
    weight: 4,
    categories: ['connection', 'authentication'],
    configurationItem: 'vpn-gateway',
  },
  {
    id: 'erp',
    name: 'ERP',
    resolverGroup: 'applications',
    weight: 3,
    categories: ['posting', 'reports', 'login'],
    configurationItem: 'erp-app',
  },
  {
    id: 'payroll',
    name: 'Payroll',
    resolverGroup: 'database',
    weight: 1,
    categories: ['calculation', 'export'],
    configurationItem: 'payroll-db',
  },
  {
    id: 'workplace',
    name: 'Workplace',
    resolverGroup: 'workplace',
    weight: 4,
    categories: ['laptop', 'printer', 'software'],
    configurationItem: 'workplace-fleet',
  },
];

/** Callers: employees who report incidents and request things. */
export const demoCallers: readonly DemoActor[] = Array.from({ length: 40 }, (_, i) => ({
  id: `employee-${String(i + 1).padStart(3, '0')}`,
  roles: ['caller'],
  groups: [],
}));

/** The incident manager. */
export const incidentManager: DemoActor = {
  id: 'irene',
  roles: ['incident-manager', 'service-desk-agent'],
  groups: ['service-desk'],
};
/** The problem manager. */
export const problemManager: DemoActor = {
  id: 'pablo',
  roles: ['problem-manager', 'resolver'],
  groups: ['applications'],
};
/** The change manager. */
export const changeManager: DemoActor = {
  id: 'carla',
  roles: ['change-manager', 'cab-member'],
  groups: ['change-managers', 'cab'],
};
/** Members of the change advisory board (CAB). */
export const cabMembers: readonly DemoActor[] = ['mia', 'noah', 'olga'].map((id) => ({
  id,
  roles: ['cab-member', 'emergency-cab-member'],
  groups: ['cab', 'ecab'],
}));
/** The service owner approving requests that need approval. */
export const requestApprover: DemoActor = { id: 'quinn', roles: ['service-desk-agent'], groups: ['approvers'] };
/** The knowledge manager. */
export const knowledgeManager: DemoActor = {
  id: 'kim',
  roles: ['knowledge-manager', 'knowledge-author'],
  groups: ['applications'],
};
/** The catalog manager. */
export const catalogManager: DemoActor = { id: 'cat', roles: ['catalog-manager'], groups: ['workplace'] };
/** The configuration manager. */
export const configurationManager: DemoActor = { id: 'conrad', roles: ['configuration-manager'], groups: ['network'] };
/** The automated processes (SLA deadlines, auto-close, problem → incident). */
export const processActor: DemoActor = { id: 'itsm-process', roles: ['process'], groups: [] };

/** The group with the given id. */
export const groupOf = (id: string): DemoGroup => {
  const group = demoGroups.find((g) => g.id === id);
  if (!group) throw new Error(`unknown demo group ${id}`);
  return group;
};
