import { join } from 'node:path';
import type { EventStoreSettings } from '@itsm/event-store';
import { eventStoreContract, type ContractSubject } from '@itsm/testing';
import {
  SqliteCommitMode,
  SqliteDurability,
  openSqliteEventStore,
  sqliteTampering,
  type SqliteEventStore,
} from './index.js';
import { temporaryFolder } from './sqlite-test-support.test-fixture.js';

/** Opens a fresh file in its own temporary folder as a contract subject. */
const openSubject =
  (mode: SqliteCommitMode) =>
  async (settings: EventStoreSettings): Promise<ContractSubject> => {
    const temporary = temporaryFolder('contract');
    const file = join(temporary.folder, 'events.db');
    const opened: SqliteEventStore[] = [];
    const open = (with_: EventStoreSettings): SqliteEventStore => {
      const result = openSqliteEventStore(file, with_, SqliteDurability.fullSynchronous, mode);
      if (result._tag === 'Left') throw new Error(`cannot open ${file}: ${result.left.reason}`);
      opened.push(result.right);
      return result.right;
    };
    return {
      store: open(settings),
      reopen: async (other) => open(other),
      tampering: sqliteTampering(file),
      close: async () => {
        for (const store of opened) await store.close();
        temporary.remove();
      },
    };
  };

eventStoreContract('SQLite, group commit', openSubject(SqliteCommitMode.groupCommit));
eventStoreContract('SQLite, one transaction per append', openSubject(SqliteCommitMode.transactionPerAppend));
