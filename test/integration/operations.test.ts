// What an operator relies on: health, readiness that follows the database, metrics, and a
// strategy reload that never replaces a good strategy with a broken one.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { EXAMPLE_STRATEGY_PATH } from '../support/example-strategy.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { freshDatabaseUrl } from '../support/test-stores.js';

describe('operations', () => {
  let t: TestApp | null = null;
  let proxy: TcpProxy | null = null;
  let dir: string | null = null;
  afterEach(async () => {
    proxy?.restore();
    await t?.stop();
    await proxy?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    t = null;
    proxy = null;
    dir = null;
  });

  it('answers health, readiness and metrics', async () => {
    t = await startTestApp({ channels: [] });
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, store: true, strategy: true });
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    for (const name of [
      'koers_checks_total',
      'koers_outbox_backlog',
      'koers_open_cases',
      'koers_http_request_duration_seconds',
      'koers_scheduler_runs_total',
    ]) {
      expect(metrics).toContain(name);
    }
    expect(metrics).toMatch(
      /koers_http_request_duration_seconds_count\{route="\/readyz",method="GET",status="200"\} 1/,
    );
    expect((await fetch(`${t.url}/nope`)).status).toBe(404);
  });

  it('is not ready while its PostgreSQL database is unreachable, and ready again after', async () => {
    const db = await freshDatabaseUrl('postgres');
    proxy = await startTcpProxy('127.0.0.1', 5432);
    const viaProxy = db.url.replace('127.0.0.1:5432', `127.0.0.1:${proxy.port}`);
    try {
      t = await startTestApp({ channels: [], env: { KOERS_DATABASE_URL: viaProxy } });
      expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
      proxy.blackhole();
      const down = await fetch(`${t.url}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ ready: false, store: false, strategy: true });
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      proxy.restore();
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await fetch(`${t.url}/readyz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
    } finally {
      proxy.restore();
      await t?.stop();
      t = null;
      await db.drop();
    }
  });

  it('keeps the last good strategy when the file turns invalid, and takes a valid change', async () => {
    dir = mkdtempSync(join(tmpdir(), 'koers-strategy-'));
    const path = join(dir, 'strategy.yaml');
    copyFileSync(EXAMPLE_STRATEGY_PATH, path);
    t = await startTestApp({ channels: [], env: { KOERS_STRATEGY: path } });
    const holder = t.app.parts.holder;
    const before = holder.current().sha256;
    writeFileSync(path, 'version: 1\norganisation: [broken\n');
    expect(await t.app.reloadStrategy()).toBe(false);
    expect(holder.current().sha256).toBe(before);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    const text = readFileSync(EXAMPLE_STRATEGY_PATH, 'utf8').replace('maxBudget: 10000', 'maxBudget: 12000');
    writeFileSync(path, text);
    expect(await t.app.reloadStrategy()).toBe(true);
    expect(holder.current().roles.get('employee')?.mandate.maxBudget).toBe(12000);
  });
});
