// What waits for whom (`status`, the case view's buttons): the open cases assigned to a person,
// and those of an absent colleague who named them as delegate, only inside the absence window,
// never their own requests, oldest first.
import { afterEach, describe, expect, it } from 'vitest';
import { exampleStrategy } from '../support/example-strategy.js';
import { ANNA, BRAM, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { peopleWithSlack, type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const as = (personId: string) => ({ personId, platform: 'slack' as const });

describe.each(BACKENDS)('cases waiting for a person on %s', (backend) => {
  let f: WorkflowFixture;
  afterEach(async () => {
    await f?.drop();
  });

  const waitingIds = async (personId: string) => (await f.wf.casesWaitingFor(personId)).map((c) => c.id);

  it("lists the assignee's cases, and the delegate's only while the assignee is away", async () => {
    const strategy = exampleStrategy();
    f = await workflowFixture(backend, {
      strategy,
      people: peopleWithSlack(strategy, {
        'u-bram': { delegate: 'u-ilse', absent: { from: '2026-11-24', until: '2026-11-26' } },
      }),
    });
    const ids: number[] = [];
    for (const partner of ['Deltares', 'TNO', 'Wageningen UR']) {
      const out = await f.wf.submit(
        as('u-anna'),
        proposal({
          requester: ANNA,
          budget: 20_000,
          partner: { name: partner, type: 'knowledge-institution' },
        }),
      );
      if (!out.ok) throw new Error('submit failed');
      expect(out.case.assigneeId).toBe('u-bram');
      ids.push(out.case.id);
    }
    // One of them is decided: it no longer waits for anyone.
    const [first, second, third] = ids as [number, number, number];
    expect(
      await f.wf.decide(as('u-bram'), { action: 'approve', caseId: second, step: 0, version: 1 }),
    ).toMatchObject({ ok: true });

    // 2026-11-23: Bram is at work.
    expect(await waitingIds('u-bram')).toEqual([first, third]);
    expect(await waitingIds('u-ilse')).toEqual([]);
    // 2026-11-25: Bram is away; his delegate sees what waits for him, and so does he.
    f.clock.current = new Date('2026-11-25T09:00:00Z');
    expect(await waitingIds('u-ilse')).toEqual([first, third]);
    expect(await waitingIds('u-bram')).toEqual([first, third]);
    // 2026-11-27: back again.
    f.clock.current = new Date('2026-11-27T09:00:00Z');
    expect(await waitingIds('u-ilse')).toEqual([]);
    expect(await waitingIds('u-anna')).toEqual([]);
  });

  it("never lists a delegate's own request", async () => {
    const strategy = exampleStrategy();
    // Carla is away and named Bram as her delegate; Bram asks for something only Carla may decide.
    f = await workflowFixture(backend, {
      strategy,
      people: peopleWithSlack(strategy, {
        'u-carla': { delegate: 'u-bram', absent: { from: '2026-11-20', until: '2026-11-30' } },
      }),
    });
    const own = await f.wf.submit(
      as('u-bram'),
      proposal({ requester: BRAM, intensity: 'programme', budget: 60_000 }),
    );
    if (!own.ok) throw new Error('submit failed');
    expect(own.case.assigneeId).toBe('u-carla');
    expect(await waitingIds('u-carla')).toEqual([own.case.id]);
    expect(await waitingIds('u-bram')).toEqual([]);
  });
});
