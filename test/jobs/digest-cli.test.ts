// `koers digest --preview [--running]`: the last completed period's digest, or the running one's, as
// text or JSON, claiming nothing; and the input errors of `koers digest`. What `--send` posts is in
// digest-send.test.ts.
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

const STRATEGY = fileURLToPath(EXAMPLE_STRATEGY_PATH);

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

  it('previews the running period with --running: from its start up to now, a check of today included', async () => {
    const env = await seeded();
    const s = await openStore(db.url);
    await seedRelationships(s.db, [
      {
        partner: 'Energie Samen',
        owner: 'u-anna',
        unit: 'Energie en Klimaat',
        priority: 'energy-transition',
        intensity: 'project',
        budget: 4_000,
        source: 'check',
        createdAt: '2026-12-01T12:00:00.000Z',
      },
    ]);
    await s.close();
    const clock = () => new Date('2026-12-02T10:00:00.000Z');
    const running = bufferIo(env);
    expect(await digestCommand(['--preview', '--running'], running, clock)).toBe(0);
    expect(running.stdout()).toMatch(
      /^Portfoliodigest 2026-W49 tot nu toe\nProvincie Midden-Holland · van 30 nov 2026 tot nu \(2 dec 2026 om 11:00\)\n/,
    );
    expect(running.stdout()).toContain('Nieuwe samenwerkingen: 1');
    expect(running.stdout()).toContain('Nieuw: Energie Samen');
    // Plain --preview is the completed period, which saw none of it.
    const completed = bufferIo(env);
    expect(await digestCommand(['--preview'], completed, clock)).toBe(0);
    expect(completed.stdout()).toMatch(/^Portfoliodigest 2026-W48\n/);
    expect(completed.stdout()).toContain('Nieuwe samenwerkingen: 0');
    const json = bufferIo(env);
    expect(await digestCommand(['--preview', '--running', '--format', 'json'], json, clock)).toBe(0);
    expect((JSON.parse(json.stdout()) as Digest).period).toMatchObject({
      running: true,
      start: '2026-11-30T07:00:00.000Z',
      end: '2026-12-02T10:00:00.000Z',
      runKey: 'digest:2026-12-07T07:00:00.000Z',
    });
    const after = await openStore(db.url);
    expect(await after.db.selectFrom('digest_runs').selectAll().execute()).toEqual([]);
    await after.close();
  });
});

describe('koers digest input errors (exit 2)', () => {
  it('needs exactly one of --preview and --send, and a known format and language', async () => {
    for (const args of [
      [],
      ['--preview', '--send'],
      ['--preview', '--format', 'xml'],
      ['--preview', '--lang', 'de'],
      ['--send', '--format', 'json'],
      ['--send', '--running'],
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
