// Prepares what the test suite needs from the machine before jest starts:
// a PostgreSQL server for the read-model tests. It starts the locally
// installed cluster when there is one and we may (root), creates the test
// role (idempotently) and a fresh test database, and writes the connection string to
// .tmp/postgres-url for the tests. Without a server the PostgreSQL tests are
// skipped and say why; every other test runs regardless.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';

const urlFile = '.tmp/postgres-url';
mkdirSync('.tmp', { recursive: true });
rmSync(urlFile, { force: true });

const run = (cmd, args) => {
  try {
    return { ok: true, out: execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    return { ok: false, out: String(error.stderr ?? error.message) };
  }
};

if (process.env.ITSM_POSTGRES_URL) {
  writeFileSync(urlFile, process.env.ITSM_POSTGRES_URL);
  console.log('test-setup: using ITSM_POSTGRES_URL');
} else if (!existsSync('/usr/bin/pg_ctlcluster') || typeof process.getuid !== 'function' || process.getuid() !== 0) {
  console.log('test-setup: no local PostgreSQL cluster to start (or not root): PostgreSQL tests will be skipped');
} else {
  const clusters = run('pg_lsclusters', ['--no-header']);
  const first = clusters.ok ? clusters.out.trim().split('\n')[0]?.trim().split(/\s+/) : undefined;
  if (!first || first.length < 4) {
    console.log('test-setup: no PostgreSQL cluster found: PostgreSQL tests will be skipped');
  } else {
    const [version, name, port, status] = first;
    if (status !== 'online') {
      const started = run('pg_ctlcluster', [version, name, 'start']);
      if (!started.ok) console.log(`test-setup: pg_ctlcluster ${version} ${name} start: ${started.out.trim()}`);
    }
    const psql = (sql) => run('su', ['postgres', '-c', `psql -p ${port} -v ON_ERROR_STOP=1 -qtAc "${sql}"`]);
    const role = psql("SELECT 1 FROM pg_roles WHERE rolname='itsm'");
    if (role.ok && role.out.trim() !== '1') psql("CREATE ROLE itsm LOGIN PASSWORD 'itsm' CREATEDB");
    // A fresh database every run: schemas left by an interrupted run would otherwise pile up in the
    // catalog (and slow every introspection query of the next runs).
    psql('DROP DATABASE IF EXISTS itsm_test WITH (FORCE)');
    psql('CREATE DATABASE itsm_test OWNER itsm');
    const check = psql("SELECT 1 FROM pg_database WHERE datname='itsm_test'");
    if (check.ok && check.out.trim() === '1') {
      writeFileSync(urlFile, `postgres://itsm:itsm@127.0.0.1:${port}/itsm_test`);
      console.log(`test-setup: PostgreSQL ${version}/${name} on port ${port}, database itsm_test`);
    } else {
      console.log(`test-setup: PostgreSQL not usable (${check.out.trim()}): PostgreSQL tests will be skipped`);
    }
  }
}
