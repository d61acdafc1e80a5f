import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import { decodeInput } from '../shared/codec-decoding.js';
import { decoded, hoursLater, metadataOf, type RawActor } from '../service-catalog/service-catalog.test-fixture.js';
import { ConfigurationItem } from './configuration-item.js';
import { ConfigurationItemCommand } from './configuration-item-commands.js';
import { configurationItemEventCodecs, type ConfigurationItemEvent } from './configuration-item-events.js';
import { createConfigurationItemDecider } from './configuration-item-decider.js';
import { defaultConfigurationItemPolicy } from './configuration-item-policy.js';

const configurationManager: RawActor = { id: 'cm-1', roles: ['configuration-manager'], groups: [] };
const discovery: RawActor = { id: 'discovery', roles: ['process'], groups: [] };
const agent: RawActor = { id: 'desk-1', roles: ['service-desk-agent'], groups: [] };
const spec = deciderSpec(ConfigurationItem.decider);

const command = (
  type: ConfigurationItemCommand['type'],
  data: Record<string, unknown>,
  actor: RawActor = configurationManager,
  hours = 1,
) =>
  decoded(ConfigurationItemCommand, {
    type,
    data: { configurationItemId: 'app-crm', ...data },
    metadata: metadataOf(actor, hours),
  });
const event = (
  type: keyof typeof configurationItemEventCodecs,
  data: Record<string, unknown>,
  by: RawActor = configurationManager,
  hours = 1,
) =>
  ({
    type,
    data: decoded(configurationItemEventCodecs[type] as never, {
      configurationItemId: 'app-crm',
      at: hoursLater(hours),
      by: by.id,
      ...data,
    }),
  }) as ConfigurationItemEvent;

const registration = {
  name: 'CRM application',
  ciClass: 'application',
  ownerGroup: 'crm-team',
  attributes: { version: '7.2', critical: true },
};
const registered = event('ConfigurationItemRegistered', registration);
const inProduction = event('ConfigurationItemPutIntoProduction', {}, configurationManager, 2);
const server = (lifecycle = 'in-production', partOfAncestors: string[] = []) => ({
  configurationItemId: 'srv-1',
  exists: true,
  ciClass: 'server',
  lifecycle,
  partOfAncestors,
});
const runsOnServer = event(
  'ConfigurationItemRelationshipAdded',
  { relationshipType: 'runs-on', targetId: 'srv-1', targetClass: 'server' },
  configurationManager,
  3,
);

describe('configuration item: registration and attributes', () => {
  it('registers a planned CI', () => {
    spec.when(command('RegisterConfigurationItem', registration)).then([registered]);
  });
  it('lets discovery processes register too, but not service desk agents', () => {
    spec
      .when(command('RegisterConfigurationItem', registration, discovery))
      .then([event('ConfigurationItemRegistered', registration, discovery)]);
    spec.when(command('RegisterConfigurationItem', registration, agent)).thenFails('CommandNotAuthorized');
  });
  it('refuses a second registration', () => {
    spec
      .given([registered])
      .when(command('RegisterConfigurationItem', registration))
      .thenFails('ConfigurationItemAlreadyRegistered');
  });
  it('records only the attributes that change', () => {
    spec
      .given([registered])
      .when(
        command(
          'UpdateConfigurationItemAttributes',
          { set: { version: '7.2', ram: 16 }, remove: ['critical', 'absent'] },
          configurationManager,
          2,
        ),
      )
      .then([
        event(
          'ConfigurationItemAttributesUpdated',
          { set: { ram: 16 }, removed: ['critical'] },
          configurationManager,
          2,
        ),
      ]);
    spec
      .given([registered])
      .when(command('UpdateConfigurationItemAttributes', { set: { version: '7.2' }, remove: [] }))
      .thenNothing();
  });
  it('folds attribute updates, including names like "constructor"', () => {
    spec
      .given([
        registered,
        event('ConfigurationItemAttributesUpdated', { set: { constructor: 'x', ram: 16 }, removed: ['critical'] }),
      ])
      .thenState({
        status: 'planned',
        configurationItemId: 'app-crm' as never,
        name: 'CRM application',
        ciClass: 'application',
        ownerGroup: 'crm-team' as never,
        attributes: { version: '7.2', constructor: 'x', ram: 16 },
        relationships: [],
      });
    // A later update sees "constructor" as an attribute it has, not as Object's constructor.
    spec
      .given([registered, event('ConfigurationItemAttributesUpdated', { set: { constructor: 'x' }, removed: [] })])
      .when(command('UpdateConfigurationItemAttributes', { set: {}, remove: ['constructor'] }))
      .then([event('ConfigurationItemAttributesUpdated', { set: {}, removed: ['constructor'] })]);
    spec
      .given([registered])
      .when(command('UpdateConfigurationItemAttributes', { set: {}, remove: ['constructor', 'toString'] }))
      .thenNothing();
  });
  it('refuses more attributes than the policy allows', () => {
    const strict = deciderSpec(createConfigurationItemDecider({ ...defaultConfigurationItemPolicy, maxAttributes: 2 }));
    strict
      .given([registered])
      .when(command('UpdateConfigurationItemAttributes', { set: { ram: 16 }, remove: [] }))
      .thenFails('TooManyConfigurationItemAttributes');
  });
  it('changes the owner group, and decides nothing when it is the same', () => {
    spec
      .given([registered])
      .when(command('ChangeConfigurationItemOwner', { ownerGroup: 'sales-it' }))
      .then([event('ConfigurationItemOwnerChanged', { ownerGroup: 'sales-it', previousOwnerGroup: 'crm-team' })]);
    spec
      .given([registered])
      .when(command('ChangeConfigurationItemOwner', { ownerGroup: 'crm-team' }))
      .thenNothing();
  });
  it('refuses malformed input with field paths', () => {
    const result = decodeInput(ConfigurationItemCommand, {
      type: 'AddConfigurationItemRelationship',
      data: {
        configurationItemId: 'app-crm',
        relationshipType: 'hosted-by',
        target: { configurationItemId: 'srv-1', exists: true, ciClass: 'mainframe' },
      },
      metadata: metadataOf(configurationManager),
    });
    const problems = result._tag === 'Left' ? result.left.problems.join('\n') : '';
    expect(problems).toMatch(/data\.relationshipType/);
    expect(problems).toMatch(/data\.target\.ciClass/);
    expect(problems).toMatch(/data\.target\.lifecycle/);
  });
});

describe('configuration item: lifecycle', () => {
  it('goes planned → in production ⇄ maintenance', () => {
    spec
      .given([registered])
      .when(command('PutConfigurationItemIntoProduction', {}, configurationManager, 2))
      .then([inProduction]);
    const maintenance = event('ConfigurationItemMaintenanceStarted', { reason: 'Patching' }, configurationManager, 3);
    spec
      .given([registered, inProduction])
      .when(command('StartConfigurationItemMaintenance', { reason: 'Patching' }, configurationManager, 3))
      .then([maintenance]);
    spec
      .given([registered, inProduction, maintenance])
      .when(command('EndConfigurationItemMaintenance', {}, configurationManager, 4))
      .then([event('ConfigurationItemMaintenanceEnded', {}, configurationManager, 4)]);
  });
  it('refuses moves the lifecycle does not have, naming both ends', () => {
    const error = spec
      .given([registered])
      .when(command('StartConfigurationItemMaintenance', { reason: 'x' }))
      .thenFails('ConfigurationItemTransitionNotAllowed');
    expect(error).toMatchObject({ from: 'planned', to: 'maintenance' });
    spec
      .given([registered, inProduction])
      .when(command('PutConfigurationItemIntoProduction', {}))
      .thenFails('ConfigurationItemTransitionNotAllowed');
    spec
      .given([registered, inProduction])
      .when(command('EndConfigurationItemMaintenance', {}))
      .thenFails('ConfigurationItemTransitionNotAllowed');
  });
  it('retires a CI without relationships, and a retired CI takes no more commands', () => {
    const retired = event('ConfigurationItemRetired', { reason: 'Decommissioned' }, configurationManager, 5);
    spec
      .given([registered, inProduction])
      .when(
        command(
          'RetireConfigurationItem',
          { reason: 'Decommissioned', incomingRelationships: [] },
          configurationManager,
          5,
        ),
      )
      .then([retired]);
    spec
      .given([registered, inProduction, retired])
      .when(command('PutConfigurationItemIntoProduction', {}))
      .thenFails('ConfigurationItemAlreadyRetired');
    spec
      .given([registered, inProduction, retired])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'runs-on', target: server() }))
      .thenFails('ConfigurationItemAlreadyRetired');
  });
  it('refuses to retire a CI that still has relationships, its own or others’ to it, listing them', () => {
    const own = spec
      .given([registered, inProduction, runsOnServer])
      .when(command('RetireConfigurationItem', { reason: 'x', incomingRelationships: [] }))
      .thenFails('ConfigurationItemStillRelated');
    expect(own.outgoing).toEqual([{ relationshipType: 'runs-on', targetId: 'srv-1' }]);
    const incoming = [{ source: 'svc-sales', relationshipType: 'depends-on' }];
    const theirs = spec
      .given([registered, inProduction])
      .when(command('RetireConfigurationItem', { reason: 'x', incomingRelationships: incoming }))
      .thenFails('ConfigurationItemStillRelated');
    expect(theirs.incoming).toEqual(incoming);
  });
  it('refuses commands for a CI never registered', () => {
    spec.when(command('PutConfigurationItemIntoProduction', {})).thenFails('ConfigurationItemNotFound');
  });
});

describe('configuration item: relationships', () => {
  it('adds a typed relationship, recording the target class', () => {
    spec
      .given([registered, inProduction])
      .when(
        command(
          'AddConfigurationItemRelationship',
          { relationshipType: 'runs-on', target: server() },
          configurationManager,
          3,
        ),
      )
      .then([runsOnServer]);
  });
  it('allows relationships to planned and in-maintenance targets', () => {
    spec
      .given([registered])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'runs-on', target: server('planned') }))
      .then([
        event('ConfigurationItemRelationshipAdded', {
          relationshipType: 'runs-on',
          targetId: 'srv-1',
          targetClass: 'server',
        }),
      ]);
    spec
      .given([registered])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'runs-on', target: server('maintenance') }))
      .then([
        event('ConfigurationItemRelationshipAdded', {
          relationshipType: 'runs-on',
          targetId: 'srv-1',
          targetClass: 'server',
        }),
      ]);
  });
  it('refuses a relationship to an unknown CI', () => {
    spec
      .given([registered])
      .when(
        command('AddConfigurationItemRelationship', {
          relationshipType: 'depends-on',
          target: { configurationItemId: 'ghost', exists: false },
        }),
      )
      .thenFails('RelationshipTargetUnknown');
  });
  it('refuses a relationship to a retired CI', () => {
    spec
      .given([registered])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'runs-on', target: server('retired') }))
      .thenFails('RelationshipTargetRetired');
  });
  it('refuses a relationship to itself and a duplicate', () => {
    const self = {
      configurationItemId: 'app-crm',
      exists: true,
      ciClass: 'application',
      lifecycle: 'planned',
      partOfAncestors: [],
    };
    spec
      .given([registered])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'depends-on', target: self }))
      .thenFails('RelationshipToItself');
    spec
      .given([registered, runsOnServer])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'runs-on', target: server() }))
      .thenFails('RelationshipAlreadyExists');
  });
  it('allows another type to the same target', () => {
    spec
      .given([registered, runsOnServer])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'connected-to', target: server() }))
      .then([
        event('ConfigurationItemRelationshipAdded', {
          relationshipType: 'connected-to',
          targetId: 'srv-1',
          targetClass: 'server',
        }),
      ]);
  });
  it('refuses runs-on a target that is not a server, virtual machine or cluster (default policy)', () => {
    const database = {
      configurationItemId: 'db-1',
      exists: true,
      ciClass: 'database',
      lifecycle: 'in-production',
      partOfAncestors: [],
    };
    const error = spec
      .given([registered])
      .when(command('AddConfigurationItemRelationship', { relationshipType: 'runs-on', target: database }))
      .thenFails('RelationshipTargetClassNotAllowed');
    expect(error.allowedClasses).toEqual(['server', 'virtual-machine', 'cluster']);
  });
  it('refuses a part-of that would close a cycle', () => {
    // app-crm part-of srv-1 while srv-1 is already (transitively) part of app-crm.
    spec
      .given([registered])
      .when(
        command('AddConfigurationItemRelationship', {
          relationshipType: 'part-of',
          target: server('in-production', ['rack-1', 'app-crm']),
        }),
      )
      .thenFails('PartOfCycle');
    spec
      .given([registered])
      .when(
        command('AddConfigurationItemRelationship', {
          relationshipType: 'part-of',
          target: server('in-production', ['rack-1']),
        }),
      )
      .then([
        event('ConfigurationItemRelationshipAdded', {
          relationshipType: 'part-of',
          targetId: 'srv-1',
          targetClass: 'server',
        }),
      ]);
  });
  it('removes a relationship it has and refuses one it does not', () => {
    spec
      .given([registered, runsOnServer])
      .when(
        command(
          'RemoveConfigurationItemRelationship',
          { relationshipType: 'runs-on', targetId: 'srv-1' },
          configurationManager,
          4,
        ),
      )
      .then([
        event(
          'ConfigurationItemRelationshipRemoved',
          { relationshipType: 'runs-on', targetId: 'srv-1' },
          configurationManager,
          4,
        ),
      ]);
    spec
      .given([registered, runsOnServer])
      .when(command('RemoveConfigurationItemRelationship', { relationshipType: 'depends-on', targetId: 'srv-1' }))
      .thenFails('RelationshipNotFound');
  });
});
