// A real workflow on a real database, with a clock the test moves.
import type { Strategy } from '../../src/domain/strategy/compile-strategy.js';
import type { Person } from '../../src/domain/strategy/strategy-schema.js';
import type { Backend } from '../../src/store/backend.js';
import { upsertPeople } from '../../src/store/people-repo.js';
import type { ChatPlatform } from '../../src/workflow/notifications.js';
import { createWorkflow, type Workflow } from '../../src/workflow/workflow.js';
import { exampleStrategy } from './example-strategy.js';
import { makeTestStore, type TestStore } from './test-stores.js';

export class TestClock {
  constructor(public current = new Date('2026-11-23T09:00:00.000Z')) {}
  now = () => new Date(this.current.getTime());
  advanceHours(h: number) {
    this.current = new Date(this.current.getTime() + h * 3_600_000);
  }
}

export interface WorkflowFixture {
  wf: Workflow;
  ts: TestStore;
  clock: TestClock;
  strategy: Strategy;
  outbox(): Promise<
    Array<{
      kind: string;
      platform: string;
      target: unknown;
      case_id: number | null;
      payload: Record<string, unknown>;
      dedupe_key: string;
    }>
  >;
  audit(
    caseId?: number,
  ): Promise<
    Array<{ action: string; actor_id: string; on_behalf_of: string | null; data: Record<string, unknown> }>
  >;
  drop(): Promise<void>;
}

/** The example strategy's people, each reachable on Slack as U_<id>. */
export function peopleWithSlack(
  strategy: Strategy,
  overrides: Record<string, Partial<Person>> = {},
): Person[] {
  return strategy.people.map((p) => ({ ...p, slack: `U_${p.id}`, ...overrides[p.id] }));
}

export async function workflowFixture(
  backend: Backend,
  options: { strategy?: Strategy; people?: Person[]; platforms?: ChatPlatform[] } = {},
): Promise<WorkflowFixture> {
  const strategy = options.strategy ?? exampleStrategy();
  const ts = await makeTestStore(backend);
  const clock = new TestClock();
  await upsertPeople(ts.store.handle, options.people ?? peopleWithSlack(strategy), clock.now().toISOString());
  const wf = createWorkflow({
    db: ts.store.handle,
    backend,
    strategy: () => strategy,
    clock: clock.now,
    platforms: () => options.platforms ?? ['slack'],
  });
  return {
    wf,
    ts,
    clock,
    strategy,
    outbox: async () =>
      (await ts.store.db.selectFrom('outbox').selectAll().orderBy('id').execute()).map((r) => ({
        kind: r.kind,
        platform: r.platform,
        target: JSON.parse(r.target),
        case_id: r.case_id === null ? null : Number(r.case_id),
        payload: JSON.parse(r.payload),
        dedupe_key: r.dedupe_key,
      })),
    audit: async (caseId) => {
      let q = ts.store.db.selectFrom('audit_log').selectAll().orderBy('seq');
      if (caseId !== undefined) q = q.where('case_id', '=', caseId);
      return (await q.execute()).map((r) => ({
        action: r.action,
        actor_id: r.actor_id,
        on_behalf_of: r.on_behalf_of,
        data: JSON.parse(r.data),
      }));
    },
    drop: () => ts.drop(),
  };
}
