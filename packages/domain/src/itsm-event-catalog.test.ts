import { describe, expect, it } from '@jest/globals';
import {
  aggregateOfCategory,
  itsmAggregates,
  itsmEventSchemaRegistry,
  itsmEventSchemas,
} from './itsm-event-catalog.js';

describe('the @itsm event catalog', () => {
  it('holds every event type of every aggregate exactly once', () => {
    const types = itsmEventSchemas.map((schema) => schema.type);
    expect(new Set(types).size).toBe(types.length);
    for (const aggregate of itsmAggregates)
      for (const schema of aggregate.eventSchemas) expect(types).toContain(schema.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'IncidentLogged',
        'ProblemLogged',
        'ChangeRequested',
        'SlaAttached',
        'ServiceRequestSubmitted',
      ]),
    );
  });

  it('gives a registry that accepts known types and refuses unknown ones', () => {
    expect(itsmEventSchemaRegistry.schemaVersionFor('NoSuchEvent', {})._tag).toBe('Left');
    expect(itsmEventSchemaRegistry.decode('NoSuchEvent', 1, {})._tag).toBe('Left');
    // Data that does not match the type's codec is refused on append.
    expect(itsmEventSchemaRegistry.schemaVersionFor('IncidentLogged', { incidentId: 'INC-1' })._tag).toBe('Left');
  });

  it('finds aggregates by stream category, with distinct categories', () => {
    const categories = itsmAggregates.map((aggregate) => aggregate.category);
    expect(new Set(categories).size).toBe(categories.length);
    for (const category of categories) expect(aggregateOfCategory(category)?.category).toBe(category);
    expect(aggregateOfCategory('nothing')).toBeUndefined();
  });
});
