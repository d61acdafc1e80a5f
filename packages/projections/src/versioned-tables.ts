/**
 * Versioned tables: every version of a projection writes its own physical
 * tables, `<table>_v<version>` (indexes likewise `<index>_v<version>`), and
 * the logical name `<table>` is a view over the live version. Queries read
 * the views, so a rebuild can fill `<table>_v<version+1>` beside the live
 * tables and the swap (re-pointing the views) is one transaction.
 *
 * Table names instead of a schema per version because SQLite has no schemas
 * (only attached files) and the same projections must run on both dialects.
 *
 * The {@link VersionedTablesPlugin} rewrites the logical names in kysely
 * queries to the physical ones, so projections and their migrations are
 * written once, against logical names.
 *
 * Limits: only the names listed as the projection's tables are rewritten; a
 * projection that builds SQL text itself must resolve names with the
 * {@link TableNames} function the runner passes to `apply`.
 *
 * @module
 */
import {
  IdentifierNode,
  OperationNodeTransformer,
  type CreateIndexNode,
  type DropIndexNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';
import type { AnyProjection, TableNames } from './projection.js';

/** The physical name of a logical table (or index) in a projection version. */
export const physicalTableName = (logical: string, version: number): string => `${logical}_v${version}`;

/** The name resolver of a projection version: logical → physical for its tables, others unchanged. */
export const tableNamesOf = (projection: Pick<AnyProjection, 'tables' | 'version'>): TableNames => {
  const owned = new Set(projection.tables);
  return (logical) => (owned.has(logical) ? physicalTableName(logical, projection.version) : logical);
};

class VersionedTablesTransformer extends OperationNodeTransformer {
  readonly #tables: ReadonlySet<string>;
  readonly #version: number;
  constructor(tables: ReadonlySet<string>, version: number) {
    super();
    this.#tables = tables;
    this.#version = version;
  }
  #rename(name: string): string {
    return this.#tables.has(name) ? physicalTableName(name, this.#version) : name;
  }
  protected override transformTable(
    node: TableNode,
    queryId?: Parameters<OperationNodeTransformer['transformTable']>[1],
  ): TableNode {
    const transformed = super.transformTable(node, queryId);
    const name = transformed.table.identifier.name;
    const renamed = this.#rename(name);
    if (renamed === name) return transformed;
    return { ...transformed, table: { ...transformed.table, identifier: IdentifierNode.create(renamed) } };
  }
  protected override transformCreateIndex(
    node: CreateIndexNode,
    queryId?: Parameters<OperationNodeTransformer['transformCreateIndex']>[1],
  ): CreateIndexNode {
    const transformed = super.transformCreateIndex(node, queryId);
    return { ...transformed, name: IdentifierNode.create(physicalTableName(transformed.name.name, this.#version)) };
  }
  protected override transformDropIndex(
    node: DropIndexNode,
    queryId?: Parameters<OperationNodeTransformer['transformDropIndex']>[1],
  ): DropIndexNode {
    const transformed = super.transformDropIndex(node, queryId);
    return {
      ...transformed,
      name: {
        ...transformed.name,
        identifier: IdentifierNode.create(physicalTableName(transformed.name.identifier.name, this.#version)),
      },
    };
  }
}

/**
 * A kysely plugin that rewrites a projection's logical table names (and the
 * names of indexes it creates) to the physical names of one version.
 */
export class VersionedTablesPlugin implements KyselyPlugin {
  readonly #transformer: VersionedTablesTransformer;
  /** Rewrites the tables of `projection` to its version's physical names. */
  constructor(projection: Pick<AnyProjection, 'tables' | 'version'>) {
    this.#transformer = new VersionedTablesTransformer(new Set(projection.tables), projection.version);
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
