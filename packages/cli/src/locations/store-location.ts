/**
 * Where the events are: `sqlite:<file>` (the embedded default) or
 * `esdb:<connection string>` / `esdb://…` / `kurrentdb://…` (EventStoreDB or
 * KurrentDB, single node or cluster, as the client supports them).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';

/** A parsed `--store` value. */
export type StoreLocation =
  | { readonly _tag: 'Sqlite'; readonly file: string }
  | { readonly _tag: 'EventStoreDb'; readonly connectionString: string };

/** A `--store` or `--read-models` value that names no supported location. */
export interface LocationInvalid {
  readonly _tag: 'LocationInvalid';
  readonly option: string;
  readonly value: string;
  readonly hint: string;
}

/** Parses a `--store` value. */
export const parseStoreLocation = (value: string): Either<LocationInvalid, StoreLocation> => {
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length)
    return right({ _tag: 'Sqlite', file: value.slice('sqlite:'.length) });
  if (value.startsWith('esdb:') && !value.startsWith('esdb://') && value.length > 'esdb:'.length)
    return right({ _tag: 'EventStoreDb', connectionString: value.slice('esdb:'.length) });
  if (/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kdb):\/\//.test(value))
    return right({ _tag: 'EventStoreDb', connectionString: value });
  return left({
    _tag: 'LocationInvalid',
    option: '--store',
    value,
    hint: 'use sqlite:<file> or esdb:<connection string> (e.g. esdb://localhost:2113?tls=false)',
  });
};

/** A parsed `--read-models` value. */
export type ReadModelLocation =
  { readonly _tag: 'Sqlite'; readonly file: string } | { readonly _tag: 'Postgres'; readonly connectionString: string };

/** Parses a `--read-models` value: `sqlite:<file>` or a `postgres://` / `postgresql://` URL. */
export const parseReadModelLocation = (value: string): Either<LocationInvalid, ReadModelLocation> => {
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length)
    return right({ _tag: 'Sqlite', file: value.slice('sqlite:'.length) });
  if (/^postgres(ql)?:\/\//.test(value)) return right({ _tag: 'Postgres', connectionString: value });
  return left({
    _tag: 'LocationInvalid',
    option: '--read-models',
    value,
    hint: 'use sqlite:<file> or postgres://user:password@host:port/database',
  });
};
