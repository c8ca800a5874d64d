// Real databases for tests: a temporary SQLite file, or a fresh schema in the local PostgreSQL
// (127.0.0.1:5432, database `test`), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Backend } from '../../src/store/backend.js';
import type { OpenDatabase } from '../../src/store/open-database.js';
import { openStore } from '../../src/store/open-store.js';

export const BACKENDS: Backend[] = ['sqlite', 'postgres'];
export const PG_ADMIN_URL = process.env.KOERS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore {
  url: string;
  store: OpenDatabase;
  /** Opens another, independent connection (pool) to the same database. */
  reopen(): Promise<OpenDatabase>;
  drop(): Promise<void>;
}

export async function freshDatabaseUrl(
  backend: Backend,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'koers-test-'));
    return {
      url: `sqlite:${join(dir, 'koers.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `koers_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${PG_ADMIN_URL}${PG_ADMIN_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export async function makeTestStore(backend: Backend): Promise<TestStore> {
  const { url, drop } = await freshDatabaseUrl(backend);
  const store = await openStore(url);
  const extra: OpenDatabase[] = [];
  return {
    url,
    store,
    reopen: async () => {
      const s = await openStore(url);
      extra.push(s);
      return s;
    },
    drop: async () => {
      for (const s of extra) await s.close().catch(() => {});
      await store.close().catch(() => {});
      await drop();
    },
  };
}
