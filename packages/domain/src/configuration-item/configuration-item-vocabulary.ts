/**
 * The vocabulary of configuration items: classes, lifecycle statuses,
 * relationship types and attributes, as io-ts codecs.
 *
 * Limits: attribute values are strings (at most {@link ATTRIBUTE_TEXT_MAX}
 * characters), finite numbers or booleans; a CI has at most
 * {@link ATTRIBUTES_MAX} attributes by default (see the policy).
 *
 * @module
 */
import * as t from 'io-ts';

/** The longest attribute text value, in characters. */
export const ATTRIBUTE_TEXT_MAX = 2_000;
/** The default most attributes one CI may have. */
export const ATTRIBUTES_MAX = 100;

/** The classes of configuration item (codec and type). */
export const ConfigurationItemClass = t.keyof(
  {
    service: null,
    application: null,
    database: null,
    middleware: null,
    server: null,
    'virtual-machine': null,
    cluster: null,
    storage: null,
    network: null,
  },
  'ConfigurationItemClass',
);
/** A class of configuration item. */
export type ConfigurationItemClass = t.TypeOf<typeof ConfigurationItemClass>;

/** The lifecycle statuses of a configuration item: planned → in-production ⇄ maintenance → retired (codec and type). */
export const ConfigurationItemLifecycle = t.keyof(
  { planned: null, 'in-production': null, maintenance: null, retired: null },
  'ConfigurationItemLifecycle',
);
/** A lifecycle status of a configuration item. */
export type ConfigurationItemLifecycle = t.TypeOf<typeof ConfigurationItemLifecycle>;

/**
 * The typed relationships between CIs, read "source <type> target" (codec and
 * type): an application `runs-on` a server, a service `depends-on` an
 * application, a node is `part-of` a cluster, two devices are `connected-to`
 * each other.
 */
export const RelationshipType = t.keyof(
  { 'depends-on': null, 'runs-on': null, 'part-of': null, 'connected-to': null },
  'RelationshipType',
);
/** A typed relationship between CIs. */
export type RelationshipType = t.TypeOf<typeof RelationshipType>;

const attributeNamePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The brand of an attribute name. */
export interface AttributeNameBrand {
  readonly AttributeName: unique symbol;
}
/** An attribute name: a letter, then up to 63 of `A–Z a–z 0–9 _ . -` (codec and type). */
export const AttributeName = t.brand(
  t.string,
  (value): value is t.Branded<string, AttributeNameBrand> => attributeNamePattern.test(value),
  'AttributeName',
);
/** An attribute name. */
export type AttributeName = t.TypeOf<typeof AttributeName>;

/** An attribute value: bounded text, a finite number or a boolean (codec and type). */
export const AttributeValue = t.union(
  [
    t.refinement(t.string, (value) => value.length <= ATTRIBUTE_TEXT_MAX, 'AttributeText'),
    t.refinement(t.number, Number.isFinite, 'FiniteNumber'),
    t.boolean,
  ],
  'AttributeValue',
);
/** An attribute value. */
export type AttributeValue = t.TypeOf<typeof AttributeValue>;

/** Attributes by name (codec and type). */
export const Attributes = t.readonly(t.record(AttributeName, AttributeValue), 'Attributes');
/** Attributes by name. */
export type Attributes = t.TypeOf<typeof Attributes>;
