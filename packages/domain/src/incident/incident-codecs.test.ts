import { describe, expect, it } from '@jest/globals';
import { createEventSchemaRegistry } from '@itsm/event-store';
import * as t from 'io-ts';
import { decodeInput } from '../shared/codec-decoding.js';
import { IncidentId } from '../shared/ids.js';
import { SHORT_TEXT_MAX, ShortText } from '../shared/text.js';
import { exactRecord } from '../shared/message-codec.js';
import { IncidentStreamCommand } from './incident-decider.js';
import { IncidentEvent, incidentEventDataCodecs } from './incident-events.js';
import { Incident, incidentStreamId } from './incident.js';
import { INCIDENT, desk, logData, logged } from './incident.test-fixture.js';

const metadata = { actor: desk, occurredAt: '2026-01-05T09:00:00Z', correlationId: 'c-1' };
const logInput = (data: Record<string, unknown>, meta: Record<string, unknown> = metadata) => ({
  type: 'LogIncident',
  data: { incidentId: INCIDENT, ...logData, ...data },
  metadata: meta,
});
const problemsOf = (input: unknown): string => {
  const decoded = decodeInput(IncidentStreamCommand, input);
  if (decoded._tag === 'Right') throw new Error('expected the input to be refused');
  return decoded.left.problems.join('\n');
};

describe('command codecs refuse malformed input with path-level messages', () => {
  it('names an unknown command type', () => {
    const problems = problemsOf({ type: 'DeleteIncident', data: {}, metadata });
    expect(problems).toMatch(/at type/);
    expect(problems).toMatch(/DeleteIncident/);
  });
  it('refuses input that is not an object', () => {
    expect(decodeInput(IncidentStreamCommand, 'LogIncident')._tag).toBe('Left');
    expect(decodeInput(IncidentStreamCommand, null)._tag).toBe('Left');
  });
  it('names wrong types, missing fields and unknown enum values by path', () => {
    const problems = problemsOf({
      type: 'LogIncident',
      data: { incidentId: INCIDENT, ...logData, impact: 'high', channel: 'fax', caller: undefined },
      metadata,
    });
    expect(problems).toMatch(/data\.impact/);
    expect(problems).toMatch(/data\.channel/);
    expect(problems).toMatch(/"fax"/);
    expect(problems).toMatch(/data\.caller/);
  });
  it('refuses non-ISO and zone-less times', () => {
    expect(problemsOf(logInput({}, { ...metadata, occurredAt: '05/01/2026 09:00' }))).toMatch(
      /metadata\.(0\.)?occurredAt/,
    );
    expect(problemsOf(logInput({}, { ...metadata, occurredAt: '2026-01-05T09:00:00' }))).toMatch(
      /metadata\.(0\.)?occurredAt/,
    );
  });
  it('refuses oversized and blank text', () => {
    expect(problemsOf(logInput({ shortDescription: 'x'.repeat(SHORT_TEXT_MAX + 1) }))).toMatch(
      /data\.shortDescription/,
    );
    expect(problemsOf({ type: 'AddIncidentComment', data: { incidentId: INCIDENT, text: '   ' }, metadata })).toMatch(
      /data\.text/,
    );
    expect(
      problemsOf({
        type: 'ResolveIncident',
        data: { incidentId: INCIDENT, resolutionCode: 'solved-permanently', resolvedChildren: [] },
        metadata,
      }),
    ).toMatch(/data\.resolutionNotes/);
  });
  it('refuses malformed ids and escalations', () => {
    expect(problemsOf(logInput({ incidentId: 'INC 1/2' }))).toMatch(/data\.incidentId/);
    expect(
      problemsOf({
        type: 'EscalateIncident',
        data: { incidentId: INCIDENT, escalation: { kind: 'functional' }, reason: 'x' },
        metadata,
      }),
    ).toMatch(/data\.escalation/);
    expect(
      problemsOf({
        type: 'EscalateIncident',
        data: { incidentId: INCIDENT, escalation: { kind: 'hierarchic', level: 9 }, reason: 'x' },
        metadata,
      }),
    ).toMatch(/data\.escalation/);
  });
  it('strips unknown fields', () => {
    const decoded = decodeInput(IncidentStreamCommand, logInput({ priority: 1, admin: true }));
    expect(decoded._tag).toBe('Right');
    if (decoded._tag === 'Right') {
      expect(decoded.right.data).not.toHaveProperty('priority');
      expect(decoded.right.data).not.toHaveProperty('admin');
    }
  });
});

describe('exactRecord', () => {
  const codec = exactRecord('Sample', { id: IncidentId, count: t.number }, { note: ShortText });
  it('reports every bad field by name, and leaves out optional keys given as undefined', () => {
    const refused = decodeInput(codec, { id: 'bad id', count: 'two', note: '' });
    const problems = refused._tag === 'Left' ? refused.left.problems.join('\n') : '';
    for (const field of ['id', 'count', 'note']) expect(problems).toMatch(new RegExp(`at ${field} `));
    expect(codec.decode({ id: 'a', count: 1, note: undefined, extra: true })).toEqual({
      _tag: 'Right',
      right: { id: 'a', count: 1 },
    });
    expect(codec.is({ id: 'a', count: 1 })).toBe(true);
    expect(codec.is({ id: 'a', count: '1' })).toBe(false);
    expect(decodeInput(codec, [1])._tag).toBe('Left');
  });
});

describe('the incident aggregate definition', () => {
  it('names streams incident-<id> and refuses ids outside the grammar', () => {
    expect(incidentStreamId('INC-1')).toEqual({ _tag: 'Right', right: 'incident-INC-1' });
    expect(incidentStreamId('INC 1')._tag).toBe('Left');
  });
  it('finds the record id of incident and SLA commands', () => {
    const log = decodeInput(Incident.commandCodec, logInput({}));
    if (log._tag === 'Left') throw new Error(log.left.problems.join());
    expect(Incident.recordIdOf(log.right)).toBe(INCIDENT);
    expect(Incident.category).toBe('incident');
  });
  it('finds the incident of an SLA command in its record reference', () => {
    const breach = decodeInput(Incident.commandCodec, {
      type: 'RecordSlaBreach',
      data: {
        record: { category: 'incident', id: INCIDENT },
        target: 'time-to-own',
        cycle: 1,
        baseline: 0,
        breachedAt: '2026-01-05T10:00:00Z',
      },
      metadata,
    });
    if (breach._tag === 'Left') throw new Error(breach.left.problems.join());
    expect(Incident.recordIdOf(breach.right)).toBe(INCIDENT);
  });
  it('registers a schema for every incident and SLA event type, validating data', () => {
    const types = Incident.eventSchemas.map((schema) => schema.type);
    expect(types).toEqual(
      expect.arrayContaining([...Object.keys(incidentEventDataCodecs), 'SlaAttached', 'SlaBreached']),
    );
    expect(new Set(types).size).toBe(types.length);
    const registry = createEventSchemaRegistry(Incident.eventSchemas);
    expect(registry.schemaVersionFor('IncidentLogged', logged.data)).toEqual({ _tag: 'Right', right: 1 });
    const invalid = registry.schemaVersionFor('IncidentLogged', { ...logged.data, priority: 9 });
    expect(invalid._tag).toBe('Left');
    expect(invalid._tag === 'Left' ? invalid.left : '').toMatch(/priority/);
  });
  it('decodes events by type with the event union', () => {
    expect(decodeInput(IncidentEvent, { type: 'IncidentLogged', data: logged.data })).toEqual({
      _tag: 'Right',
      right: logged,
    });
    expect(decodeInput(IncidentEvent, { type: 'IncidentExploded', data: {} })._tag).toBe('Left');
  });
});
