// A crash between Slack's answer and the outbox's mark (FAULT_AT=after_platform_send_before_mark:
// the process kills itself with SIGKILL right after Slack accepted the post), then a restart. The
// restarted process takes the row over at once, because the dead one's liveness lock is free,
// not after the 60 s lease; and it finds the earlier post by its metadata instead of posting the
// approval request again. Before, the resend waited out the lease and then posted twice: a claim
// did not count, and the look-back ran only for rows with failed attempts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { syncPeopleFromStrategy } from '../../src/directory/sync-strategy-people.js';
import { openStore } from '../../src/store/open-store.js';
import { loadStrategyFile } from '../../src/strategy-file/load-strategy-file.js';
import { createWorkflow } from '../../src/workflow/workflow.js';
import { strategyWithSlackIds } from '../integration/slack/slack-test-app.js';
import { dmOf, type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { escalatedCase } from '../support/proposals.js';
import { BACKENDS, freshDatabaseUrl } from '../support/test-stores.js';
import type { OutboxWorkerOptions } from './outbox-worker.js';
import { until, WorkerProcess } from './support/worker-process.js';

const SCRIPT = fileURLToPath(new URL('./outbox-worker.ts', import.meta.url));
const BRAM_DM = dmOf('U_u-bram');

describe.each(BACKENDS)('a crash between Slack’s answer and the mark (%s)', (backend) => {
  let fake: FakeSlack;
  let db: { url: string; drop: () => Promise<void> };
  let dir: string;
  let workers: WorkerProcess[] = [];
  let reader: Awaited<ReturnType<typeof openStore>> | null = null;
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    await reader?.close();
    reader = null;
    await fake?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a restart takes the row over at once and does not post the approval request twice', async () => {
    fake = await startFakeSlack();
    db = await freshDatabaseUrl(backend);
    dir = mkdtempSync(join(tmpdir(), 'koers-outbox-crash-'));
    const strategyPath = strategyWithSlackIds(dir);
    const strategy = loadStrategyFile(strategyPath);
    const store = await openStore(db.url);
    let outboxId: number;
    try {
      const now = () => new Date();
      await syncPeopleFromStrategy(store.handle, strategy, now());
      const workflow = createWorkflow({
        db: store.handle,
        backend: store.backend,
        strategy: () => strategy,
        clock: now,
        platforms: () => ['slack'],
      });
      await escalatedCase(workflow);
      const row = await store.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'approval_request')
        .executeTakeFirstOrThrow();
      outboxId = Number(row.id);
      // Only the approval request is due: the crash is after the first post.
      await store.db
        .updateTable('outbox')
        .set({ next_attempt_at: '2999-01-01T00:00:00.000Z' })
        .where('id', '!=', outboxId)
        .execute();
    } finally {
      await store.close();
    }
    const posted = () =>
      fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.outcome === 'ok' &&
          Number(
            (c.args.metadata as { event_payload?: { outbox_id?: unknown } })?.event_payload?.outbox_id,
          ) === outboxId,
      );
    const worker = (instanceId: string, faultAt?: string) => {
      const o: OutboxWorkerOptions = {
        url: db.url,
        instanceId,
        apiUrl: fake.apiUrl,
        strategyPath,
        tickMs: 100,
        ...(faultAt ? { faultAt } : {}),
      };
      const w = new WorkerProcess(o, SCRIPT);
      workers.push(w);
      return w;
    };
    // One reader for the whole test (opening a store runs the migrations, beside the workers').
    reader = await openStore(db.url);
    const read = reader;
    const outboxRow = () =>
      read.db.selectFrom('outbox').selectAll().where('id', '=', outboxId).executeTakeFirstOrThrow();

    const victim = worker('victim', 'after_platform_send_before_mark');
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(victim.has('fault point reached: killing myself')).toBe(true);
    expect(posted()).toHaveLength(1);
    expect(posted()[0]?.args.channel).toBe(BRAM_DM);
    expect(await outboxRow()).toMatchObject({ status: 'pending', locked_by: 'victim', attempts: 0 });

    const heir = worker('heir');
    // The outbox's mark; well inside the victim's 60 s lease.
    await until(async () => (await outboxRow()).status === 'sent', 20_000, 'the heir to mark the row sent');
    expect(posted()).toHaveLength(1);
    expect(heir.has('taking over outbox rows of a process that stopped, before their lease ends')).toBe(true);
    expect(
      heir.has('outbox item was already posted before a crash or a lost answer; not posting again'),
    ).toBe(true);
    expect(await outboxRow()).toMatchObject({ status: 'sent', claims: 2 });
  }, 60_000);
});
