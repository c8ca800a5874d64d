import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { syncPeopleFromStrategy } from '../src/directory/sync-strategy-people.js';
import { csvFile } from '../src/portfolio/csv-records.js';
import { importRegister } from '../src/portfolio/import-register.js';
import { whoWorksWith } from '../src/portfolio/who-works-with.js';
import { exampleStrategy } from '../test/support/example-strategy.js';
import { makeTestStore } from '../test/support/test-stores.js';
import { lookupsForDebug, writeRegister } from './who-works-with.js';
const dir = mkdtempSync(join(tmpdir(), 'who-'));
const csv = join(dir, 'r.csv');
writeRegister(csv);
for (const backend of ['sqlite', 'postgres'] as const) {
  const ts = await makeTestStore(backend);
  const strategy = exampleStrategy();
  await syncPeopleFromStrategy(ts.store.handle, strategy, new Date());
  const t0 = performance.now();
  await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(csv), { now: new Date() });
  console.log(backend, 'import ms', (performance.now() - t0).toFixed(0));
  if (backend === 'postgres') await sql`vacuum analyze`.execute(ts.store.db);
  const names = lookupsForDebug();
  for (const n of names) await whoWorksWith(ts.store.handle, n);
  const out: Array<[string, number]> = [];
  for (const n of names) {
    let worst = 0;
    for (let r = 0; r < 10; r++) { const t = performance.now(); await whoWorksWith(ts.store.handle, n); worst = Math.max(worst, performance.now() - t); }
    out.push([n, worst]);
  }
  out.sort((a, b) => b[1] - a[1]);
  console.log(backend, out.slice(0, 10).map(([n, t]) => `${n}:${t.toFixed(1)}`).join(' | '));
  await ts.drop();
}
