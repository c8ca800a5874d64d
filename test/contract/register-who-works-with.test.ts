// "Who works with partner X?" on every backend, over the example portfolio and people.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PORTFOLIO } from '../../src/config.js';
import { parseCommand } from '../../src/conversation/parse-command.js';
import { syncPeopleFromStrategy } from '../../src/directory/sync-strategy-people.js';
import { NEAR_MATCH_THRESHOLD, nearMatchScore } from '../../src/domain/portfolio/near-match.js';
import { partnerKey, partnerKeysOf } from '../../src/domain/portfolio/partner-key.js';
import { csvFile, csvText } from '../../src/portfolio/csv-records.js';
import { importRegister } from '../../src/portfolio/import-register.js';
import { whoWorksWith } from '../../src/portfolio/who-works-with.js';
import { partnerInitials } from '../../src/store/migrations/010-partner-initials.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';
import { loadCorpus } from '../support/understanding-corpus.js';

const strategy = exampleStrategy();
const NOW = new Date('2026-11-23T09:00:00.000Z');

describe.each(BACKENDS)('who works with on %s', (backend) => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await makeTestStore(backend);
    await syncPeopleFromStrategy(ts.store.handle, strategy, NOW);
    await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
      now: NOW,
    });
  });
  afterAll(async () => {
    await ts.drop();
  });

  const partners = (rows: ReadonlyArray<{ partner: string }>) => rows.map((r) => r.partner);

  it('finds TU Delft exactly, with owner, unit, intensity, priority, status and start', async () => {
    const who = await whoWorksWith(ts.store.handle, 'tu delft');
    expect(who.key).toBe('tu delft');
    expect(who.exact).toEqual([
      {
        id: 1,
        partner: 'TU Delft',
        ownerId: 'u-carla',
        ownerName: 'Carla Jansen',
        unit: 'Energie en Klimaat',
        intensity: 'programme',
        priority: 'energy-transition',
        status: 'active',
        start: '2024-03-01',
      },
    ]);
  });

  it('finds TU Delft as a near match of "Technische Universiteit Delft"', async () => {
    const who = await whoWorksWith(ts.store.handle, 'Technische Universiteit Delft');
    expect(who.exact).toEqual([]);
    expect(partners(who.near)).toEqual(['TU Delft']);
    expect(who.near[0]).toMatchObject({ ownerName: 'Carla Jansen', score: 1 });
  });

  it('finds Wageningen University & Research for "WUR"', async () => {
    expect(partners((await whoWorksWith(ts.store.handle, 'WUR')).near)).toEqual([
      'Wageningen University & Research',
    ]);
  });

  it('finds both Deltares relationships exactly (a leading "Stichting" is not part of the key)', async () => {
    const who = await whoWorksWith(ts.store.handle, 'Deltares');
    expect(who.exact.map((r) => [r.partner, r.ownerId])).toEqual([
      ['Deltares', 'u-bram'],
      ['Stichting Deltares', 'u-joost'],
    ]);
  });

  it('finds the water board for "Rijnland", and nothing near for an unknown partner', async () => {
    expect(partners((await whoWorksWith(ts.store.handle, 'Rijnland')).near)).toEqual([
      'Hoogheemraadschap van Rijnland',
    ]);
    expect(await whoWorksWith(ts.store.handle, 'Acme Widgets')).toEqual({
      key: 'acme widgets',
      exact: [],
      near: [],
    });
  });

  it('does not take Gemeente Delft for TU Delft', async () => {
    expect(partners((await whoWorksWith(ts.store.handle, 'Gemeente Delft')).near)).toEqual([]);
  });

  it('lists active relationships before planned and ended ones, and keeps to the limit', async () => {
    const text = [
      'partner,partner_type,priority,intensity,owner,status',
      'Ordered Partner,network,,exchange,u-anna,ended',
      'Ordered Partner,network,,exchange,u-bram,planned',
      'Ordered Partner,network,,exchange,u-carla,active',
    ].join('\n');
    await importRegister(ts.store.handle, ts.store.backend, strategy, csvText(text), { now: NOW });
    const ordered = await whoWorksWith(ts.store.handle, 'Ordered Partner');
    expect(ordered.exact.map((r) => r.status)).toEqual(['active', 'planned', 'ended']);
    const tno = await whoWorksWith(ts.store.handle, 'TNO', { limit: 1 });
    expect(tno.exact).toHaveLength(1);
    const all = await whoWorksWith(ts.store.handle, 'Gemeente');
    expect(all.near.length).toBeGreaterThan(1);
    expect(all.near.length).toBeLessThanOrEqual(20);
  });

  it('names no owner it does not know, and leaves confidential relationships out unless asked', async () => {
    await ts.store.db
      .insertInto('relationships')
      .values({
        partner: 'Geheim B.V.',
        partner_key: 'geheim',
        partner_type: 'commercial',
        priority: null,
        intensity: 'exchange',
        budget: 0,
        months: 0,
        owner_id: 'u-stranger',
        unit: null,
        status: 'active',
        start_date: null,
        end_date: null,
        review_due: null,
        case_id: null,
        direction: null,
        confidential: 1,
        source: 'check',
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    expect((await whoWorksWith(ts.store.handle, 'Geheim')).exact).toEqual([]);
    const shown = await whoWorksWith(ts.store.handle, 'Geheim', { includeConfidential: true });
    expect(shown.exact.map((r) => [r.ownerId, r.ownerName])).toEqual([['u-stranger', null]]);
  });

  it('answers a name of thousands of distinct words, from its first words (the query does not grow with them)', async () => {
    const words = Array.from({ length: 6_500 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const who = await whoWorksWith(ts.store.handle, `Technische Universiteit Delft ${words}`);
    expect(who.key.split(' ')).toHaveLength(12);
    expect(partners(who.near)).toContain('TU Delft');
  });

  it('answers an empty name with nothing', async () => {
    expect(await whoWorksWith(ts.store.handle, '   ')).toEqual({ key: '', exact: [], near: [] });
  });
});

describe.each(BACKENDS)('who works with, for what people type, on %s', (backend) => {
  // The corpus's register and its lookups: the store finds what the pure scorer finds over the
  // whole register, typos included, reading only the candidates its word index gives.
  let ts: TestStore;
  const corpus = loadCorpus();
  beforeAll(async () => {
    ts = await makeTestStore(backend);
    await syncPeopleFromStrategy(ts.store.handle, corpus.strategy, NOW);
    const csv = readFileSync(new URL('../fixtures/understanding/register.csv', import.meta.url), 'utf8');
    const imported = await importRegister(ts.store.handle, ts.store.backend, corpus.strategy, csvText(csv), {
      now: NOW,
    });
    expect(imported.ok).toBe(true);
  });
  afterAll(async () => {
    await ts.drop();
  });

  it('finds a partner typed with a typo as a near match: Deltaris, TU Delf', async () => {
    expect((await whoWorksWith(ts.store.handle, 'Deltaris')).near.map((r) => r.partner)).toContain(
      'Stichting Deltares',
    );
    expect((await whoWorksWith(ts.store.handle, 'TU Delf')).near.map((r) => r.partner)).toContain('TU Delft');
  });

  it('gives every lookup of the corpus the exact and near partners the scorer gives over the whole register', async () => {
    for (const c of corpus.cases.filter((x) => x.at === 'who')) {
      const { command } = parseCommand(c.say);
      if (command.kind !== 'who' || !command.partner) continue;
      const want = scoreAll(corpus.register, command.partner);
      const got = await whoWorksWith(ts.store.handle, command.partner);
      expect([...new Set(got.exact.map((r) => r.partner))].sort(), c.say).toEqual(want.exact);
      expect([...new Set(got.near.map((r) => r.partner))].sort(), c.say).toEqual(want.near);
    }
  });

  it('indexes a relationship added later, so a typo finds it too', async () => {
    await importRegister(
      ts.store.handle,
      ts.store.backend,
      corpus.strategy,
      csvText(
        'partner,partner_type,priority,intensity,owner,status\nHoogheemraadschap Zeeveld-Noord,government,,explore,u-femke,active\n',
      ),
      { now: NOW },
    );
    const near = (await whoWorksWith(ts.store.handle, 'Hoogheemraadschap Zeveld-Noord')).near;
    expect(near[0]?.partner).toBe('Hoogheemraadschap Zeeveld-Noord');
  });

  it('finds a long word typed with two letters wrong, one letter swapped and one left out, and not with three', async () => {
    // `hoogheemraadschap` has 17 letters: two typos are allowed in it, not three.
    await importRegister(
      ts.store.handle,
      ts.store.backend,
      corpus.strategy,
      csvText(
        'partner,partner_type,priority,intensity,owner,status\nHoogheemraadschap Vliedermonde,government,,explore,u-femke,active\n',
      ),
      { now: NOW },
    );
    const nearOf = async (typed: string) =>
      (await whoWorksWith(ts.store.handle, typed)).near.map((r) => r.partner);
    // Indexed after this store's vocabulary was first read (by the tests above): found at once.
    expect(await nearOf('Hoogheemraadschap Vleidermomde')).toContain('Hoogheemraadschap Vliedermonde');
    expect(await nearOf('Hoogheemraadschap Vlidermonde')).toContain('Hoogheemraadschap Vliedermonde');
    expect(await nearOf('Vliedarmunde')).toContain('Hoogheemraadschap Vliedermonde');
    expect(await nearOf('Vliedarmundo')).not.toContain('Hoogheemraadschap Vliedermonde');
  });
});

function scoreAll(register: ReadonlyArray<string>, query: string): { exact: string[]; near: string[] } {
  const keys = partnerKeysOf(query);
  const q = partnerKey(query);
  const exact = register.filter((n) => keys.includes(partnerKey(n)));
  const near = register.filter(
    (n) => !keys.includes(partnerKey(n)) && nearMatchScore(q, partnerKey(n)) >= NEAR_MATCH_THRESHOLD,
  );
  return { exact: [...new Set(exact)].sort(), near: [...new Set(near)].sort() };
}

describe.each(BACKENDS)('the word index rebuilt on %s when initials were stored as words', (backend) => {
  it('keeps initials apart afterwards, and still finds a name by its initials', async () => {
    const ts = await makeTestStore(backend);
    try {
      await importRegister(ts.store.handle, ts.store.backend, strategy, csvFile(BUNDLED_PORTFOLIO), {
        now: NOW,
      });
      // The index as it was before initials were marked: `tud` stored as a word of the key.
      await ts.store.db.deleteFrom('partner_words').execute();
      await ts.store.db
        .insertInto('partner_words')
        .values([
          { word: 'tud', partner_key: 'technische universiteit delft' },
          { word: 'ghost', partner_key: 'ghost partner' },
        ])
        .execute();
      await partnerInitials().up(ts.store.db as never);
      const words = await ts.store.db.selectFrom('partner_words').select(['word', 'partner_key']).execute();
      expect(words).not.toContainEqual({ word: 'tud', partner_key: 'technische universiteit delft' });
      expect(words).not.toContainEqual({ word: 'ghost', partner_key: 'ghost partner' });
      expect(words).toContainEqual({ word: '^td', partner_key: 'tu delft' });
      expect(words).toContainEqual({ word: 'tu', partner_key: 'tu delft' });
      const who = await whoWorksWith(ts.store.handle, 'Technische Universiteit Delft');
      expect(who.near.map((r) => r.partner)).toEqual(['TU Delft']);
    } finally {
      await ts.drop();
    }
  });
});

describe.each(BACKENDS)('a word too common to tell names apart, on %s', (backend) => {
  it('is left out when the lookup has a rarer word, and read when it has none', async () => {
    const ts = await makeTestStore(backend);
    try {
      const names = [
        'Polderbond',
        'Zuidwaard Polderbond',
        ...['Noord', 'Oost', 'West', 'Midden', 'Rivierland'].map((n) => `Polderbond ${n}`),
      ];
      const imported = await importRegister(
        ts.store.handle,
        ts.store.backend,
        strategy,
        csvText(
          `partner,partner_type,priority,intensity,owner,status\n${names.map((n) => `${n},knowledge-institution,,programme,u-carla,active`).join('\n')}\n`,
        ),
        { now: NOW },
      );
      expect(imported.ok, JSON.stringify(imported).slice(0, 400)).toBe(true);
      const near = async (typed: string, candidates: number) =>
        partners((await whoWorksWith(ts.store.handle, typed, { candidates })).near);
      // `polderbond` is in seven names: with five candidates at most, too common next to `zuidwaard`.
      expect(await near('Polderbond Zuidwaard', 5)).toEqual(['Zuidwaard Polderbond']);
      expect(await near('Polderbond Zuidwaard', 500)).toEqual(['Zuidwaard Polderbond', 'Polderbond']);
      // Alone, it is read all the same (up to the candidates' limit).
      expect((await near('Polderbnd', 5)).length).toBeGreaterThan(0);
    } finally {
      await ts.drop();
    }
  });
});

const partners = (rows: ReadonlyArray<{ partner: string }>) => rows.map((r) => r.partner);
