// A directory sync applied to a real store with a real workflow, on both backends: what the
// strategy set stays, the directory fills the rest; a leaver is kept, inactive, and their open
// case goes to someone else with the alliance team told; a case recorded under a Slack id moves
// to the person once the directory knows them; a person on both platforms is told once, where
// they wrote last.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncPeople } from '../../src/directory/sync-people.js';
import type { DirectoryPerson } from '../../src/domain/directory/directory-person.js';
import { applySyncPlan, knownPeople } from '../../src/store/directory-store.js';
import { upsertPeople } from '../../src/store/people-repo.js';
import { escalatedCase, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { peopleWithSlack, type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const RULES = [{ jobTitle: 'Teamleider*', role: 'team-lead' }];

describe.each(BACKENDS)('directory sync on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await workflowFixture(backend, { platforms: ['slack', 'teams'] });
  });
  afterEach(async () => {
    await f.drop();
  });

  /** The example's people as the directory has them: other names, e-mail, Teams ids. */
  const directory = (except: string[] = []): DirectoryPerson[] =>
    f.strategy.people
      .filter((p) => !except.includes(p.id))
      .map((p) => ({
        directoryId: `aad-${p.id}`,
        name: `${p.name} (directory)`,
        email: `${p.id.slice(2)}@provincie.example`,
        jobTitle: p.role === 'team-lead' ? 'Teamleider' : 'Adviseur',
        department: 'Directory department',
        slackId: `U_${p.id}`,
        teamsId: `aad-${p.id}`,
        absence: null,
      }));

  const sync = (people: DirectoryPerson[], force = false) =>
    syncPeople({
      directory: { source: 'entra', every: '4h', roles: RULES },
      roles: f.strategy.roleList.map((r) => r.id),
      read: async () => ({ people, warnings: [] }),
      store: {
        knownPeople: () => knownPeople(f.ts.store.handle),
        apply: (plan, at, actor) =>
          applySyncPlan(f.ts.store.handle, backend, plan, { at, actor, source: 'entra' }),
        handOn: async (id, why) => (await f.wf.handOnFromLeaver(id, why)).length,
      },
      now: f.clock.now(),
      actor: 'system:directory-sync',
      ...(force ? { force: true } : {}),
    });

  const person = (id: string) =>
    f.ts.store.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it("keeps what the strategy set and fills the rest, and a restart's strategy load keeps the directory's", async () => {
    const r = await sync(directory());
    expect(r.plan.adds).toEqual([]);
    expect(r.plan.changes).toHaveLength(10);
    const anna = await person('u-anna');
    expect(anna).toMatchObject({
      name: 'Anna de Vries',
      role: 'employee',
      unit: 'Energie en Klimaat',
      reports_to: 'u-bram',
      email: 'anna@provincie.example',
      teams_id: 'aad-u-anna',
      directory_id: 'aad-u-anna',
    });
    // The server loads the strategy's people at every start: the e-mail the directory gave stays.
    await upsertPeople(f.ts.store.handle, peopleWithSlack(f.strategy), f.clock.now().toISOString());
    expect((await person('u-anna')).email).toBe('anna@provincie.example');
    const again = await sync(directory());
    expect([again.plan.adds, again.plan.changes, again.plan.deactivations]).toEqual([[], [], []]);
  });

  it('deactivates a leaver, keeps them, and hands their open case on with a notice', async () => {
    await sync(directory());
    const c = await escalatedCase(f.wf);
    expect(c.assigneeId).toBe('u-bram');
    const r = await sync(directory(['u-bram']));
    expect(r.plan.deactivations).toEqual(['u-bram']);
    expect(r.reassignedCases).toBe(1);
    expect(Number((await person('u-bram')).active)).toBe(0);
    const now = await f.wf.getCase(c.id);
    expect(now?.state).toBe('open');
    expect(now?.assigneeId).not.toBe('u-bram');
    expect(now?.assigneeId).toBeTruthy();
    const actions = (await f.audit()).map((a) => a.action);
    expect(actions).toContain('person_deactivated');
    expect(actions).toContain('reassigned_left');
    const alerts = (await f.outbox()).filter((o) => o.kind === 'alliance_alert');
    expect(alerts.map((a) => a.payload.reason)).toContain('left');
    // The strategy loaded again at a restart does not bring the leaver back.
    await upsertPeople(f.ts.store.handle, peopleWithSlack(f.strategy), f.clock.now().toISOString());
    expect(Number((await person('u-bram')).active)).toBe(0);
    // A new case passes the leaver by.
    const next = await escalatedCase(f.wf, 'TNO');
    expect(next.assigneeId).not.toBe('u-bram');
  });

  it('deactivates nobody when a partial answer would take more than a tenth, unless forced', async () => {
    await sync(directory());
    const partial = await sync(directory(['u-bram', 'u-ilse']));
    expect(partial.plan.deactivations).toEqual([]);
    expect(partial.warnings.join(' ')).toMatch(/2 of 10 people are missing/);
    expect(Number((await person('u-bram')).active)).toBe(1);
    const forced = await sync(directory(['u-bram', 'u-ilse']), true);
    expect(forced.plan.deactivations.sort()).toEqual(['u-bram', 'u-ilse']);
  });

  it('moves a case recorded under a Slack id to the person the directory now names', async () => {
    const out = await f.wf.submit(
      { personId: 'slack:U_NEW', platform: 'slack' },
      proposal({ requester: { id: 'slack:U_NEW', role: 'employee' } }),
    );
    expect(out.ok).toBe(true);
    const r = await sync([
      ...directory(),
      { directoryId: 'aad-new', name: 'Nina Nieuw', email: 'nina@provincie.example', slackId: 'U_NEW' },
    ]);
    expect(r.plan.adds.map((a) => a.id)).toEqual(['u-nina']);
    expect(r.movedRecords).toBeGreaterThanOrEqual(2); // the case and its relationship
    const cases = await f.ts.store.db.selectFrom('cases').select('requester_id').execute();
    expect(cases.map((c) => c.requester_id)).toEqual(['u-nina']);
    const rel = await f.ts.store.db.selectFrom('relationships').select('owner_id').execute();
    expect(rel.map((x) => x.owner_id)).toEqual(['u-nina']);
  });

  it('tells a person on both platforms once, on the one they wrote on last', async () => {
    await sync(directory());
    await f.ts.store.db
      .updateTable('people')
      .set({ last_platform: 'teams' })
      .where('id', '=', 'u-bram')
      .execute();
    const c = await escalatedCase(f.wf);
    const requests = (await f.outbox()).filter((o) => o.kind === 'approval_request' && o.case_id === c.id);
    expect(requests.map((o) => o.platform)).toEqual(['teams']);
    await f.ts.store.db
      .updateTable('people')
      .set({ last_platform: 'slack' })
      .where('id', '=', 'u-bram')
      .execute();
    const d = await escalatedCase(f.wf, 'TNO');
    const second = (await f.outbox()).filter((o) => o.kind === 'approval_request' && o.case_id === d.id);
    expect(second.map((o) => o.platform)).toEqual(['slack']);
    // The platform they chose wins over the one they wrote on last.
    await f.ts.store.db
      .updateTable('people')
      .set({ notify_on: 'teams' })
      .where('id', '=', 'u-bram')
      .execute();
    const e = await escalatedCase(f.wf, 'Deltares');
    const third = (await f.outbox()).filter((o) => o.kind === 'approval_request' && o.case_id === e.id);
    expect(third.map((o) => o.platform)).toEqual(['teams']);
  });
});
