// `koers digest --preview` and `--send`: the current period's digest as text or JSON, and a send
// that claims the scheduler's run key, so several at once (separate processes, on SQLite too)
// enqueue one post.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { digestCommand } from '../../src/cli/commands/digest.js';
import { runCli } from '../../src/cli/main.js';
import type { Digest } from '../../src/domain/digest/digest-model.js';
import { openStore } from '../../src/store/open-store.js';
import { EXAMPLE_STRATEGY_PATH } from '../support/example-strategy.js';
import { BACKENDS, freshDatabaseUrl } from '../support/test-stores.js';
import { seedRelationships } from './support/seed-portfolio.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const STRATEGY = fileURLToPath(EXAMPLE_STRATEGY_PATH);
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' };

function bufferIo(
  env: Record<string, string | undefined>,
): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => '',
    isTty: false,
    env,
    stdout: () => out,
    stderr: () => err,
  };
}

describe.each(BACKENDS)('koers digest on %s', (backend) => {
  let db: { url: string; drop: () => Promise<void> };
  afterEach(async () => {
    await db?.drop();
  });

  async function seeded() {
    db = await freshDatabaseUrl(backend);
    const s = await openStore(db.url);
    await seedRelationships(s.db, [
      {
        partner: 'Gemeente Gouda',
        owner: 'u-anna',
        unit: 'Energie en Klimaat',
        priority: 'energy-transition',
        intensity: 'project',
        budget: 10_000,
      },
      {
        partner: 'Gemeente Gouda',
        owner: 'u-joost',
        unit: 'Water en Bodem',
        priority: 'climate-water',
        intensity: 'project',
        budget: 5_000,
      },
      {
        partner: 'Stichting Geheim',
        owner: 'u-ilse',
        unit: 'Water en Bodem',
        priority: 'health',
        intensity: 'exchange',
        budget: 1_000,
        confidential: true,
      },
    ]);
    await s.close();
    return { KOERS_DATABASE_URL: db.url, KOERS_STRATEGY: STRATEGY };
  }

  it('previews the current period as text, in either language, and as JSON', async () => {
    const env = await seeded();
    const clock = () => new Date('2026-12-02T10:00:00.000Z');
    const nl = bufferIo(env);
    expect(await digestCommand(['--preview'], nl, clock)).toBe(0);
    expect(nl.stdout()).toMatch(
      /^Portfoliodigest 2026-W48\nProvincie Midden-Holland · van 23 nov 2026 tot 30 nov 2026/,
    );
    expect(nl.stdout()).toContain('Gemeente Gouda: 2 samenwerkingen, 2 afdelingen, 2 eigenaren');
    const en = bufferIo(env);
    expect(await digestCommand(['--preview', '--lang', 'en'], en, clock)).toBe(0);
    expect(en.stdout()).toContain('Active relationships: 3 relationships · €16,000');
    const json = bufferIo(env);
    expect(await digestCommand(['--preview', '--format', 'json'], json, clock)).toBe(0);
    const digest = JSON.parse(json.stdout()) as Digest;
    expect(digest.period.runKey).toBe('digest:2026-11-30T07:00:00.000Z');
    expect(json.stdout()).not.toContain('Stichting Geheim');
    // A preview claims nothing.
    const s = await openStore(db.url);
    expect(await s.db.selectFrom('digest_runs').selectAll().execute()).toEqual([]);
    await s.close();
  });

  it('sends once per period, and says so the second time', async () => {
    const env = { ...(await seeded()), ...SLACK };
    const clock = () => new Date('2026-12-02T10:00:00.000Z');
    const first = bufferIo(env);
    expect(await digestCommand(['--send'], first, clock)).toBe(0);
    expect(first.stdout()).toBe(
      'digest 2026-W48 (digest:2026-11-30T07:00:00.000Z) enqueued for the alliance team channel on slack; the running Koers server posts it\n',
    );
    const again = bufferIo(env);
    expect(await digestCommand(['--send'], again, clock)).toBe(0);
    expect(again.stdout()).toBe(
      'digest 2026-W48 (digest:2026-11-30T07:00:00.000Z) was already sent; nothing to do\n',
    );
    const s = await openStore(db.url);
    const rows = await s.db.selectFrom('outbox').select(['kind', 'platform', 'target', 'payload']).execute();
    await s.close();
    expect(rows).toEqual([
      {
        kind: 'digest',
        platform: 'slack',
        target: '{"channel":"allianceTeam"}',
        payload: JSON.stringify({
          runKey: 'digest:2026-11-30T07:00:00.000Z',
          period: { label: '2026-W48', start: '2026-11-23T07:00:00.000Z', end: '2026-11-30T07:00:00.000Z' },
          trigger: 'cli',
        }),
      },
    ]);
  });

  it('several `koers digest --send` processes at once enqueue one post', async () => {
    const env = { ...process.env, ...(await seeded()), ...SLACK, KOERS_CLI_MAIN: '1', LOG_LEVEL: 'warn' };
    const results = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'digest', '--send'], { env });
            let out = '';
            let err = '';
            child.stdout.on('data', (d) => {
              out += String(d);
            });
            child.stderr.on('data', (d) => {
              err += String(d);
            });
            child.on('exit', (code) => resolve({ code, out, err }));
          }),
      ),
    );
    for (const r of results) expect(r.code, r.err).toBe(0);
    expect(results.filter((r) => r.out.includes('enqueued'))).toHaveLength(1);
    expect(results.filter((r) => /was already sent|is being sent by/.test(r.out))).toHaveLength(3);
    const s = await openStore(db.url);
    expect(await s.db.selectFrom('outbox').select('kind').execute()).toEqual([{ kind: 'digest' }]);
    expect(await s.db.selectFrom('digest_runs').select('trigger').execute()).toEqual([{ trigger: 'cli' }]);
    await s.close();
  }, 60_000);
});

describe('koers digest input errors (exit 2)', () => {
  it('needs exactly one of --preview and --send, and a known format and language', async () => {
    for (const args of [
      [],
      ['--preview', '--send'],
      ['--preview', '--format', 'xml'],
      ['--preview', '--lang', 'de'],
      ['--send', '--format', 'json'],
      ['--bogus'],
    ]) {
      const io = bufferIo({ KOERS_STRATEGY: STRATEGY });
      expect(await runCli(['digest', ...args], io), args.join(' ')).toBe(2);
      expect(io.stderr()).toMatch(/usage: koers digest|--bogus/);
    }
  });

  it('refuses --send when no chat platform is configured, before touching the store', async () => {
    const io = bufferIo({ KOERS_STRATEGY: STRATEGY, KOERS_DATABASE_URL: 'sqlite:/nonexistent/dir/never.db' });
    expect(await runCli(['digest', '--send'], io)).toBe(2);
    expect(io.stderr()).toContain('--send needs Slack or Teams configured');
  });
});
