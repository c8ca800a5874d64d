// An approver with more cases waiting than a list shows (50) still gets the decision buttons on
// every one of them. Before, whether a reader could decide was read from the first 50 cases
// waiting for them, so the 51st approval request came without buttons (Slack and Teams alike).
import { afterEach, describe, expect, it } from 'vitest';
import { caseViewForReader } from '../../src/application/reader-case-view.js';
import { ANNA, proposal } from '../support/proposals.js';
import { BACKENDS } from '../support/test-stores.js';
import { type WorkflowFixture, workflowFixture } from '../support/workflow-fixture.js';

describe.each(BACKENDS)('more than a list of cases waiting (%s)', (backend) => {
  let f: WorkflowFixture;
  afterEach(async () => {
    await f?.drop();
  });

  it('the 51st case waiting for Bram is shown to him with its decision buttons', async () => {
    f = await workflowFixture(backend);
    const ids: number[] = [];
    for (let i = 0; i < 51; i++) {
      const out = await f.wf.submit(
        { personId: 'u-anna', platform: 'slack' },
        proposal({
          requester: ANNA,
          budget: 20_000,
          partner: { name: `Partner ${i}`, type: 'knowledge-institution' },
        }),
      );
      if (!out.ok || out.case.state !== 'open') throw new Error('expected an open case');
      ids.push(out.case.id);
    }
    const last = await f.wf.getCase(ids[50] as number);
    if (!last) throw new Error('no case');
    const view = await caseViewForReader(f.ts.store.handle, f.strategy, f.clock.now(), last, 'u-bram', 'nl');
    expect(JSON.stringify(view)).toContain('"decision":"approve"');
    // Anna, the requester, sees it without them.
    const hers = await caseViewForReader(f.ts.store.handle, f.strategy, f.clock.now(), last, 'u-anna', 'nl');
    expect(JSON.stringify(hers)).not.toContain('"decision":"approve"');
  });
});
