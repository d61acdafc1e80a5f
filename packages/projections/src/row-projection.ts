/**
 * Row projections: projections written as a pure fold over keyed rows.
 *
 * A row projection says which rows an event reads (`reads`) and how the
 * event changes them (`evolve`, over a {@link RowAccess}: get, put, insert,
 * remove). The runner's batch is applied in three steps: load every row the
 * batch reads in one `SELECT … IN` per table, fold all events in memory,
 * write the changed rows back with multi-row upserts. That makes a batch a
 * handful of statements whatever its size.
 *
 * The same definition folds a history without any database
 * ({@link foldRowProjection}): the reference the rebuild-equivalence tests
 * compare the SQL read models with.
 *
 * Limits: `evolve` must be pure and deterministic (no clock, no random) and
 * must treat rows as immutable (put a new object). Rows are flat records of
 * strings, numbers and nulls (booleans as 0/1), the same on both dialects.
 *
 * @module
 */
import type { Migration, Transaction } from 'kysely';
import type { RecordedEvent } from '@itsm/event-store';
import type { Projection, TableNames } from './projection.js';
import { deleteRowsWhereIn, insertRows, selectRowsWhereIn, type SqlValue } from './sql-statements.js';
import { CompiledQuery } from 'kysely';
import { dialectOf } from './read-model-database.js';
import type { AnyDatabase } from './projection.js';

/** A flat read-model row. */
export type Row = Readonly<Record<string, SqlValue>>;

/** A table of a row projection: its logical name, key columns and every column. */
export interface RowTable {
  readonly name: string;
  /** The primary key columns (rows are identified by their values). */
  readonly key: readonly string[];
  /** Every column, key columns included. */
  readonly columns: readonly string[];
}

/** A row an event reads: its table and key values (in key column order). */
export interface RowRef {
  readonly table: string;
  readonly key: readonly SqlValue[];
}

/** The rows `evolve` works on. */
export interface RowAccess {
  /** The current row with this key (after the events before in the batch), or undefined. */
  readonly get: (table: string, key: readonly SqlValue[]) => Row | undefined;
  /** Creates or replaces a row. */
  readonly put: (table: string, row: Row) => void;
  /** Adds a row known to be new (append-only tables: no read, no conflict handling). */
  readonly insert: (table: string, row: Row) => void;
  /** Removes the row with this key. */
  readonly remove: (table: string, key: readonly SqlValue[]) => void;
}

/** A projection written as a fold over keyed rows. */
export interface RowProjectionDefinition {
  readonly name: string;
  readonly version: number;
  readonly handles: readonly string[];
  readonly tables: readonly RowTable[];
  readonly migrations: Readonly<Record<string, Migration>>;
  /** The rows an event reads with `get` (they are loaded before the batch is folded). */
  readonly reads: (event: RecordedEvent) => readonly RowRef[];
  /** Applies one event to the rows. */
  readonly evolve: (rows: RowAccess, event: RecordedEvent) => void;
  /**
   * Turns a row as `evolve` left it into the row stored (optional): lets
   * `evolve` keep an expensive column (e.g. a JSON document) in a working
   * form during a batch and serialise it once, when the batch is written.
   */
  readonly serialize?: (table: string, row: Row) => Row;
}

const keyString = (key: readonly SqlValue[]): string =>
  key.length === 1 ? String(key[0]) + '\u0000' + typeof key[0] : JSON.stringify(key);

const keyOfRow = (table: RowTable, row: Row): SqlValue[] => table.key.map((column) => row[column] ?? null);

type Pending =
  | { readonly kind: 'put' | 'insert'; readonly row: Row }
  | { readonly kind: 'remove'; readonly key: readonly SqlValue[] };

interface TableState {
  readonly table: RowTable;
  /** Rows as loaded or changed; `null` means known absent. */
  readonly rows: Map<string, Row | null>;
  readonly pending: Map<string, Pending>;
}

const accessOver = (tables: Map<string, TableState>): RowAccess => {
  const state = (name: string): TableState => {
    const table = tables.get(name);
    if (table === undefined) throw new Error(`row projection: unknown table ${name}`);
    return table;
  };
  return {
    get: (name, key) => state(name).rows.get(keyString(key)) ?? undefined,
    put: (name, row) => {
      const table = state(name);
      const key = keyString(keyOfRow(table.table, row));
      table.rows.set(key, row);
      const previous = table.pending.get(key);
      table.pending.set(key, { kind: previous?.kind === 'insert' ? 'insert' : 'put', row });
    },
    insert: (name, row) => {
      const table = state(name);
      const key = keyString(keyOfRow(table.table, row));
      table.rows.set(key, row);
      table.pending.set(key, { kind: 'insert', row });
    },
    remove: (name, key) => {
      const table = state(name);
      const k = keyString(key);
      table.rows.set(k, null);
      table.pending.set(k, { kind: 'remove', key });
    },
  };
};

const loadRows = async (
  trx: Transaction<AnyDatabase>,
  definition: RowProjectionDefinition,
  tables: Map<string, TableState>,
  events: readonly RecordedEvent[],
  names: TableNames,
): Promise<void> => {
  const wanted = new Map<string, Map<string, SqlValue>>();
  for (const event of events)
    for (const ref of definition.reads(event)) {
      const table = tables.get(ref.table);
      if (table === undefined) throw new Error(`row projection ${definition.name}: reads unknown table ${ref.table}`);
      const k = keyString(ref.key);
      if (table.rows.has(k)) continue;
      // Known absent until loaded; a loaded row replaces it.
      table.rows.set(k, null);
      const first = ref.key[0] ?? null;
      let values = wanted.get(ref.table);
      if (values === undefined) wanted.set(ref.table, (values = new Map()));
      values.set(keyString([first]), first);
    }
  for (const [name, values] of wanted) {
    const table = tables.get(name);
    if (table === undefined) continue;
    const firstKey = table.table.key[0];
    if (firstKey === undefined) continue;
    const rows = await selectRowsWhereIn<Row>(trx, names(name), firstKey, [...values.values()]);
    for (const row of rows) {
      const k = keyString(keyOfRow(table.table, row));
      // Composite keys load by their first column: keep only rows the batch asked for.
      if (table.rows.has(k)) table.rows.set(k, normaliseRow(table.table, row));
    }
  }
};

/** PostgreSQL may return numeric strings for wide columns; rows compare equal across dialects. */
const normaliseRow = (table: RowTable, row: Row): Row => {
  const out: Record<string, SqlValue> = {};
  for (const column of table.columns) out[column] = row[column] ?? null;
  return out;
};

const writeRows = async (
  trx: Transaction<AnyDatabase>,
  tables: Map<string, TableState>,
  names: TableNames,
  serialize: RowProjectionDefinition['serialize'],
): Promise<void> => {
  for (const { table, pending } of tables.values()) {
    if (pending.size === 0) continue;
    const physical = names(table.name);
    const removals: (readonly SqlValue[])[] = [];
    const inserts: Row[] = [];
    const upserts: Row[] = [];
    for (const change of pending.values()) {
      if (change.kind === 'remove') removals.push(change.key);
      else if (change.kind === 'insert')
        inserts.push(serialize === undefined ? change.row : serialize(table.name, change.row));
      else upserts.push(serialize === undefined ? change.row : serialize(table.name, change.row));
    }
    if (removals.length > 0) {
      const firstKey = table.key[0];
      if (table.key.length === 1 && firstKey !== undefined)
        await deleteRowsWhereIn(
          trx,
          physical,
          firstKey,
          removals.map((key) => key[0] ?? null),
        );
      else {
        const postgres = dialectOf(trx) === 'postgres';
        const where = table.key.map((column, i) => `"${column}" = ${postgres ? `$${i + 1}` : '?'}`).join(' and ');
        for (const key of removals)
          await trx.executeQuery(CompiledQuery.raw(`delete from "${physical}" where ${where}`, [...key]));
      }
    }
    await insertRows(trx, physical, table.columns, inserts);
    await insertRows(trx, physical, table.columns, upserts, table.key);
  }
};

const freshTables = (definition: RowProjectionDefinition): Map<string, TableState> =>
  new Map(definition.tables.map((table) => [table.name, { table, rows: new Map(), pending: new Map() }]));

/** Turns a row projection definition into a projection the runner can run. */
export const rowProjection = (definition: RowProjectionDefinition): Projection => {
  const applyBatch = async (
    trx: Transaction<AnyDatabase>,
    events: readonly RecordedEvent[],
    names: TableNames,
  ): Promise<void> => {
    const tables = freshTables(definition);
    await loadRows(trx, definition, tables, events, names);
    const access = accessOver(tables);
    for (const event of events) definition.evolve(access, event);
    await writeRows(trx, tables, names, definition.serialize);
  };
  return {
    name: definition.name,
    version: definition.version,
    handles: definition.handles,
    tables: definition.tables.map((table) => table.name),
    migrations: definition.migrations,
    apply: (trx, event, names) => applyBatch(trx, [event], names),
    applyBatch,
  };
};

/** The rows of each table of a row projection after folding a history in memory, sorted by key. */
export const foldRowProjection = (
  definition: RowProjectionDefinition,
  events: Iterable<RecordedEvent>,
): Record<string, Row[]> => {
  const tables = freshTables(definition);
  const handles = new Set(definition.handles);
  const access = accessOver(tables);
  for (const event of events) if (handles.has(event.type)) definition.evolve(access, event);
  const out: Record<string, Row[]> = {};
  for (const { table, rows } of tables.values()) {
    const present = [...rows.values()]
      .filter((row): row is Row => row !== null)
      .map((row) =>
        normaliseRow(table, definition.serialize === undefined ? row : definition.serialize(table.name, row)),
      );
    out[table.name] = sortRows(table, present);
  }
  return out;
};

/** Rows sorted by their key columns (a stable order to compare read models by). */
export const sortRows = (table: Pick<RowTable, 'key'>, rows: readonly Row[]): Row[] =>
  [...rows].sort((a, b) => {
    for (const column of table.key) {
      const x = a[column] ?? null;
      const y = b[column] ?? null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
