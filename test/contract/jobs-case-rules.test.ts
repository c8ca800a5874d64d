// case_rules: the rule codes of each check, indexed incrementally by the digest (both backends).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexCaseRules, SETTLE_MS } from '../../src/store/digest-case-rules.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

const anna = { personId: 'u-anna', platform: 'slack' as const };

describe.each(BACKENDS)('case_rules on %s', (backend) => {
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await workflowFixture(backend);
  });
  afterEach(async () => {
    await f.drop();
  });

  const rules = async () =>
    (
      await f.ts.store.db
        .selectFrom('case_rules')
        .select(['case_id', 'code'])
        .orderBy('case_id')
        .orderBy('code')
        .execute()
    ).map((r) => [Number(r.case_id), r.code]);

  it('indexes each settled check once, from the window on, and later only what is new', async () => {
    const windowStart = f.clock.now().toISOString();
    const a = await f.wf.submit(anna, proposal({ requester: ANNA, budget: 11_000 }));
    const b = await f.wf.submit(
      anna,
      proposal({ requester: ANNA, partner: { name: 'Sigaren NV', type: 'tobacco-industry' } }),
    );
    if (!a.ok || !b.ok) throw new Error('submit refused');
    const exception = await f.wf.requestException(anna, b.case.id);
    expect(exception.ok).toBe(true);
    // Too fresh: a check is indexed only once it is older than any transaction that writes one.
    expect(
      await indexCaseRules(
        f.ts.store.handle,
        backend,
        windowStart,
        new Date(f.clock.now().getTime() + SETTLE_MS - 1000),
      ),
    ).toBe(0);
    f.clock.advanceHours(1);
    expect(await indexCaseRules(f.ts.store.handle, backend, windowStart, f.clock.now())).toBe(2);
    // The exception case (kind exception) repeats its check's result and is not counted again.
    expect(await rules()).toEqual([
      [a.case.id, 'budget_over_mandate'],
      [b.case.id, 'partner_type_excluded'],
    ]);
    expect(await indexCaseRules(f.ts.store.handle, backend, windowStart, f.clock.now())).toBe(0);
    const c = await f.wf.submit(
      anna,
      proposal({ requester: ANNA, priority: null, intensity: 'exchange', budget: 1_000 }),
    );
    if (!c.ok) throw new Error('submit refused');
    f.clock.advanceHours(1);
    expect(await indexCaseRules(f.ts.store.handle, backend, windowStart, f.clock.now())).toBe(1);
    expect((await rules()).filter(([id]) => id === c.case.id)).toEqual([[c.case.id, 'exploration']]);
  });

  it('counts a code once per check, however often its result lists it', async () => {
    const windowStart = f.clock.now().toISOString();
    const result = JSON.stringify({
      nl: {
        verdict: 'within_mandate',
        route: [],
        reasons: [],
        notices: [
          { code: 'existing_relationship', message: 'a' },
          { code: 'existing_relationship', message: 'b' },
        ],
        suggestions: [{ code: 'lower_budget', message: 'c' }],
      },
      en: { reasons: [{ code: 'not_read_from_en', message: 'd' }], notices: [] },
    });
    const s = await f.wf.submit(anna, proposal({ requester: ANNA }));
    if (!s.ok) throw new Error('submit refused');
    await f.ts.store.db.updateTable('cases').set({ result }).where('id', '=', s.case.id).execute();
    f.clock.advanceHours(1);
    expect(await indexCaseRules(f.ts.store.handle, backend, windowStart, f.clock.now())).toBe(1);
    expect(await rules()).toEqual([[s.case.id, 'existing_relationship']]);
  });
});
