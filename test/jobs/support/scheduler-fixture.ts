// A scheduler on a workflow fixture, with its log lines captured as objects.
import type { Kysely } from 'kysely';
import pino from 'pino';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../../src/jobs/scheduler.js';
import type { Backend } from '../../../src/store/backend.js';
import type { Database } from '../../../src/store/schema.js';
import type { WorkflowFixture } from '../../support/workflow-fixture.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export function captureLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s) as LogLine) });
  return { logger, lines };
}

export function schedulerOn(
  f: WorkflowFixture,
  over: Partial<SchedulerOptions> & { backend?: Backend } = {},
): { scheduler: Scheduler; lines: LogLine[] } {
  const { logger, lines } = captureLogger();
  const scheduler = createScheduler({
    db: f.ts.store.handle,
    backend: f.ts.store.backend,
    strategy: () => f.strategy,
    clock: f.clock.now,
    logger,
    workflow: f.wf,
    instanceId: 'test-a',
    tickMs: 30_000,
    ...over,
  });
  return { scheduler, lines };
}

export async function digestRows(db: Kysely<Database>) {
  return db
    .selectFrom('digest_runs')
    .select(['run_key', 'occurrence_at', 'trigger', 'status', 'done_at', 'claimed_by', 'attempts'])
    .orderBy('occurrence_at')
    .execute();
}

export async function outboxOf(db: Kysely<Database>, kind: string) {
  return (
    await db
      .selectFrom('outbox')
      .select(['dedupe_key', 'platform', 'target', 'payload', 'created_at'])
      .where('kind', '=', kind)
      .orderBy('id')
      .execute()
  ).map((r) => ({
    ...r,
    target: JSON.parse(r.target),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  }));
}
