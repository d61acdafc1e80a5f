/**
 * A kysely introspector for PostgreSQL read models that sees the current
 * schema only (the one `search_path` pins the read models to).
 *
 * kysely's own `PostgresIntrospector` lists the tables of every schema and
 * calls `has_schema_privilege` and `pg_get_serial_sequence` by schema name
 * on each: when another schema of the database is dropped while it runs (a
 * tenant removed, a test cleaning up), the query fails with "schema … does
 * not exist". Its migrator introspects on every run, so a projection's
 * migrations could fail for a schema that is not even theirs. Read models
 * live in one schema; looking there only is both what they mean and free of
 * that race.
 *
 * @module
 */
import { sql, type DatabaseIntrospector, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';
import type { AnyDatabase } from './projection.js';

interface ColumnRow {
  readonly table: string;
  readonly table_type: string;
  readonly column: string;
  readonly type: string;
  readonly type_schema: string;
  readonly not_null: boolean;
  readonly has_default: boolean;
  readonly identity: string;
  readonly column_default: string | null;
  readonly column_description: string | null;
}

/** The tables and views of the current schema, with their columns. */
export class CurrentSchemaPostgresIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<AnyDatabase>;

  /** Introspects through `db` (kysely passes its own instance). */
  constructor(db: Kysely<AnyDatabase>) {
    this.#db = db;
  }

  /** Every schema of the database (names only: nothing per schema is looked up). */
  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.#db);
    return rows.rows.map((row) => ({ name: row.name }));
  }

  /** The tables and views of the current schema (kysely's migration tables included only when asked). */
  async getTables(options: { withInternalKyselyTables?: boolean } = {}): Promise<TableMetadata[]> {
    const rows = await sql<ColumnRow>`
      select c.relname as table, c.relkind as table_type, a.attname as column, typ.typname as type,
             dtns.nspname as type_schema, a.attnotnull as not_null, a.atthasdef as has_default,
             a.attidentity as identity, pg_get_expr(d.adbin, d.adrelid) as column_default,
             col_description(a.attrelid, a.attnum) as column_description
      from pg_catalog.pg_attribute a
      join pg_catalog.pg_class c on a.attrelid = c.oid
      join pg_catalog.pg_namespace ns on c.relnamespace = ns.oid
      join pg_catalog.pg_type typ on a.atttypid = typ.oid
      join pg_catalog.pg_namespace dtns on typ.typnamespace = dtns.oid
      left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(this.#db);
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(this.#db)).rows[0]?.schema;
    const internal = (name: string) => name === 'kysely_migration' || name === 'kysely_migration_lock';
    const tables = new Map<
      string,
      { name: string; isView: boolean; schema?: string; columns: TableMetadata['columns'] }
    >();
    for (const row of rows.rows) {
      if (options.withInternalKyselyTables !== true && internal(row.table)) continue;
      let table = tables.get(row.table);
      if (table === undefined) {
        table = { name: row.table, isView: row.table_type === 'v', columns: [], ...(schema ? { schema } : {}) };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default,
        // A serial column's default draws from a sequence; an identity column is auto-incrementing by definition.
        isAutoIncrementing: row.identity !== '' || (row.column_default?.startsWith('nextval(') ?? false),
        ...(row.column_description === null ? {} : { comment: row.column_description }),
      });
    }
    return [...tables.values()];
  }

  /** The current schema's tables. */
  async getMetadata(options?: { withInternalKyselyTables?: boolean }): Promise<{ tables: TableMetadata[] }> {
    return { tables: await this.getTables(options) };
  }
}
