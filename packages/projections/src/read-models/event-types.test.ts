import { describe, expect, it } from '@jest/globals';
import { itsmEventSchemas } from '@itsm/domain';
import { auditedEventTypes } from './audit-trail.js';
import { builtInDefinitions } from './built-in.js';
import {
  catalogItemEventTypes,
  changeEventTypes,
  configurationItemEventTypes,
  incidentEventTypes,
  knowledgeEventTypes,
  problemEventTypes,
  serviceRequestEventTypes,
  slaEventTypes,
} from './event-types.js';

const catalog = [...new Set(itsmEventSchemas.map((schema) => schema.type))].sort();

describe('the event types the built-in read models name', () => {
  it('are all types of the domain’s event catalog, each listed once', () => {
    const listed = [
      ...incidentEventTypes,
      ...slaEventTypes,
      ...problemEventTypes,
      ...serviceRequestEventTypes,
      ...catalogItemEventTypes,
      ...changeEventTypes,
      ...configurationItemEventTypes,
      ...knowledgeEventTypes,
    ];
    expect(listed.filter((type) => !catalog.includes(type))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('cover the whole catalog in the audit trail: every record type’s history is audited', () => {
    expect([...auditedEventTypes].sort()).toEqual(catalog);
  });

  it('name only catalog types in every built-in projection’s `handles`', () => {
    for (const definition of builtInDefinitions())
      expect({ [definition.name]: definition.handles.filter((type) => !catalog.includes(type)) }).toEqual({
        [definition.name]: [],
      });
  });
});
