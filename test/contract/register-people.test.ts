// The people directory on every backend: from a CSV (`koers import-people`) and from the
// strategy file's `people:` section.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPeople } from '../../src/directory/import-people.js';
import { syncPeopleFromStrategy } from '../../src/directory/sync-strategy-people.js';
import { csvText } from '../../src/portfolio/csv-records.js';
import { verifyAudit } from '../../src/store/audit-log.js';
import { getPerson } from '../../src/store/people-repo.js';
import { exampleStrategy } from '../support/example-strategy.js';
import { BACKENDS, makeTestStore, type TestStore } from '../support/test-stores.js';

const strategy = exampleStrategy();
const NOW = new Date('2026-11-23T09:00:00.000Z');
const HEADER =
  'id,name,role,unit,reports_to,email,slack_id,teams_id,language,absent_from,absent_until,delegate';

describe.each(BACKENDS)('people on %s', (backend) => {
  let ts: TestStore;
  beforeEach(async () => {
    ts = await makeTestStore(backend);
  });
  afterEach(async () => {
    await ts.drop();
  });

  const run = (text: string, dryRun = false) =>
    importPeople(ts.store.handle, ts.store.backend, strategy, csvText(text), { now: NOW, dryRun });
  const peopleCount = async () =>
    Number(
      (
        await ts.store.db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("loads the strategy file's people: section, and again without change", async () => {
    expect(await syncPeopleFromStrategy(ts.store.handle, strategy, NOW)).toBe(strategy.people.length);
    expect(await syncPeopleFromStrategy(ts.store.handle, strategy, NOW)).toBe(strategy.people.length);
    expect(await peopleCount()).toBe(strategy.people.length);
    expect(await getPerson(ts.store.handle, 'u-carla')).toMatchObject({
      name: 'Carla Jansen',
      role: 'manager',
      reports_to: 'u-dirk',
      delegate_id: 'u-hanna',
    });
  });

  it('imports people from a CSV with only id, name and role, and every column', async () => {
    const text = ['id,name,role', 'u-eva,Eva Smit,executive', 'u-piet,Piet Post,manager'].join('\n');
    expect(await run(text)).toEqual({ ok: true, report: { people: 2, added: 2, updated: 0, dryRun: false } });
    const full = [
      HEADER,
      'u-piet,Piet Post,director,Directie,u-eva,piet@example.org,U123,29:abc,en,2026-12-01,2026-12-24,u-eva',
    ].join('\n');
    expect(await run(full)).toEqual({ ok: true, report: { people: 1, added: 0, updated: 1, dryRun: false } });
    expect(await getPerson(ts.store.handle, 'u-piet')).toMatchObject({
      role: 'director',
      unit: 'Directie',
      reports_to: 'u-eva',
      email: 'piet@example.org',
      slack_id: 'U123',
      teams_id: '29:abc',
      language: 'en',
      absent_from: '2026-12-01',
      absent_until: '2026-12-24',
      delegate_id: 'u-eva',
    });
    const audit = await ts.store.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toEqual(['people.import', 'people.import']);
    expect(await verifyAudit(ts.store.handle)).toMatchObject({ ok: true });
  });

  it('accepts a reports-to who is already in the store', async () => {
    await syncPeopleFromStrategy(ts.store.handle, strategy, NOW);
    expect((await run('id,name,role,reports_to\nu-new,New Person,employee,u-dirk\n')).ok).toBe(true);
  });

  it('refuses a reports-to cycle and an unknown role, naming the lines, and imports nobody', async () => {
    const text = [
      'id,name,role,reports_to',
      'u-a,Anna A,manager,u-b',
      'u-b,Bert B,director,u-a',
      'u-c,Chris C,ceo,',
      'u-d,Dana D,employee,u-nobody',
    ].join('\n');
    const result = await run(text);
    expect(result).toEqual({
      ok: false,
      problems: [
        'line 2: reports_to: reports-to cycle: u-a -> u-b -> u-a',
        'line 3: reports_to: reports-to cycle: u-b -> u-a -> u-b',
        'line 4: role: unknown role "ceo"',
        'line 5: reports_to: unknown person "u-nobody"',
      ],
    });
    expect(await peopleCount()).toBe(0);
  });

  it('refuses a cycle made with someone already in the store', async () => {
    await syncPeopleFromStrategy(ts.store.handle, strategy, NOW);
    // u-dirk reports to u-eva in the store; making u-eva report to u-dirk closes a loop.
    const result = await run('id,name,role,reports_to\nu-eva,Eva Smit,executive,u-dirk\n');
    expect(result).toEqual({
      ok: false,
      problems: ['line 2: reports_to: reports-to cycle: u-eva -> u-dirk -> u-eva'],
    });
  });

  it('refuses rows the schema refuses, with the column', async () => {
    const text = [HEADER, 'u-x,,employee,,,,,,fr,2026-01-01,,', 'bad id!,Name,employee,,,,,,,,,'].join('\n');
    const result = await run(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'line 2: absent_from and absent_until go together: give both or neither',
      expect.stringMatching(/^line 3: id: /),
    ]);
  });

  it('refuses a Slack id that someone else already has', async () => {
    await run('id,name,role,slack_id\nu-a,Anna A,employee,U1\n');
    const result = await run(
      'id,name,role,slack_id\nu-b,Bert B,employee,U1\nu-c,Chris C,employee,U2\nu-d,Dana D,employee,U2\n',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        'line 2: slack_id: "U1" is already the slack_id of u-a',
        'line 4: slack_id: "U2" is already the slack_id of u-c',
      ],
    });
  });

  it('writes nothing on a dry run', async () => {
    expect(await run('id,name,role\nu-a,Anna A,employee\n', true)).toEqual({
      ok: true,
      report: { people: 1, added: 1, updated: 0, dryRun: true },
    });
    expect(await peopleCount()).toBe(0);
  });

  it('refuses a file without the required columns', async () => {
    expect(await run('id,name\nu-a,Anna\n')).toEqual({
      ok: false,
      problems: ['line 1: missing column(s) role'],
    });
  });
});
