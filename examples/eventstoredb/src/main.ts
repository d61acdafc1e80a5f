/**
 * Incidents on EventStoreDB / KurrentDB: handles a few incident commands,
 * feeds a tiny read model (incidents by status) from a catch-up subscription
 * to `$all` until it is caught up, then verifies the hash chain of the log.
 *
 * `pnpm start` — against `ESDB_CONNECTION_STRING` (e.g.
 * `esdb://localhost:2113?tls=false`) when it is set, otherwise against the
 * in-process EventStoreDB protocol test server of `@itsm/testing` (nothing
 * to install). Build the workspace first (`pnpm build`).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { Incident, decodeInput, eventMetadataOf, incidentStreamId } from '@itsm/domain';
import {
  createEventSchemaRegistry,
  defaultEventStoreSettings,
  handleCommand,
  verifyAll,
  type ChainVerification,
} from '@itsm/event-store';
import { createEsdbEventStore } from '@itsm/event-store-esdb';

/** What the example did. */
export interface EventStoreDbExampleReport {
  readonly incidentId: string;
  /** The outcome of each command: `recorded` or the tag of the error that refused it. */
  readonly outcomes: readonly string[];
  /** The read model fed by the subscription: incident id → last status event type. */
  readonly lastEventByIncident: Readonly<Record<string, string>>;
  /** The global position the subscription had reached when it said CaughtUp. */
  readonly caughtUpAt: number;
  readonly verification: ChainVerification;
}

const people = {
  dana: { id: 'dana', roles: ['service-desk-agent'], groups: ['service-desk'] },
  nina: { id: 'nina', roles: ['resolver'], groups: ['network'] },
} as const;

/** Runs the example against a server; returns what happened. */
export const main = async (connectionString: string, print = true): Promise<EventStoreDbExampleReport> => {
  const log = (line: string) => (print ? console.log(line) : undefined);
  const store = createEsdbEventStore(
    EventStoreDBClient.connectionString(connectionString),
    defaultEventStoreSettings(createEventSchemaRegistry(Incident.eventSchemas)),
  );
  try {
    // A fresh incident id per run: a real server keeps every earlier run's events.
    const incidentId = `INC-${randomUUID().slice(0, 8)}`;
    const streamId = incidentStreamId(incidentId);
    if (streamId._tag === 'Left') throw new Error(streamId.left.reason);
    const start = await store.headPosition();
    if (start._tag === 'Left') throw new Error(`EventStoreDB is not reachable: ${start.left.reason}`);
    const commands: readonly [keyof typeof people, string, Record<string, unknown>][] = [
      [
        'dana',
        'LogIncident',
        {
          caller: 'alice',
          service: 'vpn',
          configurationItem: 'vpn-gateway-1',
          category: 'network',
          subcategory: 'vpn',
          impact: 2,
          urgency: 2,
          channel: 'phone',
          shortDescription: 'VPN drops every few minutes',
          description: 'The VPN client disconnects every 3 to 5 minutes.',
        },
      ],
      ['dana', 'AssignIncidentToGroup', { group: 'network' }],
      ['nina', 'AssignIncidentToAgent', { agent: 'nina', agentGroups: ['network'] }],
      ['nina', 'StartIncidentWork', {}],
    ];
    const outcomes: string[] = [];
    for (const [index, [person, type, data]] of commands.entries()) {
      const decoded = decodeInput(Incident.commandCodec, {
        type,
        data: { incidentId, ...data },
        metadata: {
          actor: people[person],
          occurredAt: new Date(Date.UTC(2026, 2, 2, 8, 30 + index * 5)).toISOString(),
          correlationId: `example-${incidentId}`,
          commandId: `${incidentId}-${index + 1}`,
        },
      });
      if (decoded._tag === 'Left') throw new Error(`${type} is malformed: ${decoded.left.problems.join('; ')}`);
      const handled = await handleCommand(
        store,
        Incident.decider,
        streamId.right,
        decoded.right,
        eventMetadataOf(decoded.right.metadata),
      );
      const outcome = handled._tag === 'Left' ? handled.left._tag : 'recorded';
      outcomes.push(outcome);
      log(`${type} by ${person}: ${outcome}`);
    }

    // A projection worker: a catch-up subscription from its checkpoint (here: where this run started).
    const lastEventByIncident: Record<string, string> = {};
    const subscription = store.subscribeToAll(start.right);
    let caughtUpAt = start.right;
    try {
      for await (const message of subscription) {
        if (message._tag === 'Event') {
          const id = (message.event.data as { incidentId?: unknown }).incidentId;
          if (typeof id === 'string') lastEventByIncident[id] = message.event.type;
          log(`  subscription: ${message.event.type} at position ${message.event.globalPosition}`);
        } else if (message._tag === 'CaughtUp') {
          caughtUpAt = message.position;
          log(`  subscription: caught up at position ${message.position}`);
          break;
        }
      }
    } finally {
      await subscription.stop();
    }

    const verified = await verifyAll(store);
    if (verified._tag === 'Left') throw new Error(`verification could not read the log: ${verified.left._tag}`);
    log(
      `hash chain: ${verified.right.ok ? `intact (${verified.right.eventsChecked} events)` : `BROKEN: ${verified.right.broken.detail}`}`,
    );
    return { incidentId, outcomes, lastEventByIncident, caughtUpAt, verification: verified.right };
  } finally {
    await store.close();
  }
};

if (process.argv[1]?.endsWith('main.ts')) {
  const configured = process.env['ESDB_CONNECTION_STRING'];
  if (configured) await main(configured);
  else {
    // The subpath: the package root also holds the jest contract suite, which only loads under jest.
    const { startEsdbProtocolTestServer } = await import('@itsm/testing/esdb-protocol-server');
    const server = await startEsdbProtocolTestServer();
    console.log(
      `ESDB_CONNECTION_STRING is not set: using the EventStoreDB protocol test server at ${server.connectionString}`,
    );
    try {
      await main(server.connectionString);
    } finally {
      await server.stop();
    }
  }
}
