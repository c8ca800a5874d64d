// A Koers process for the decision rows: the real workflow on the campaign's database, deciding
// what it is told. Reads one JSON request a line on stdin ({"id":…,"actor":…,"command":…}), answers
// each with one JSON line on stdout ({"id":…,"ok":…}, or "error" when the attempt threw, as a lock
// held too long by another process would make it); "quit" stops it. Several of these beside the
// campaign's own process make the decision attempts on one case race across processes.
import { createInterface } from 'node:readline';
import type { DecisionCommand } from '../../src/domain/workflow/authorize-decision.js';
import { openStore } from '../../src/store/open-store.js';
import { type Actor, createWorkflow } from '../../src/workflow/workflow.js';
import { exampleStrategy } from '../../test/support/example-strategy.js';

export interface DeciderOptions {
  url: string;
  /** The workflow's clock, fixed (ISO). */
  now: string;
}

export interface DecideRequest {
  id: number;
  actor: Actor;
  command: DecisionCommand;
}

export interface DecideAnswer {
  id: number;
  ok: boolean;
  error?: string;
}

const o = JSON.parse(process.argv[2] as string) as DeciderOptions;
const store = await openStore(o.url);
const strategy = exampleStrategy();
const now = new Date(o.now);
const workflow = createWorkflow({
  db: store.handle,
  backend: store.backend,
  strategy: () => strategy,
  clock: () => now,
  platforms: () => ['slack'],
});
const answer = (a: DecideAnswer): void => {
  process.stdout.write(`${JSON.stringify(a)}\n`);
};
process.stdout.write(`${JSON.stringify({ msg: 'decider ready' })}\n`);

const running = new Set<Promise<void>>();
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'quit') break;
  const req = JSON.parse(line) as DecideRequest;
  const p = workflow
    .decide(req.actor, req.command)
    .then(
      (out) => answer({ id: req.id, ok: out.ok }),
      (err: unknown) =>
        answer({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => {
      running.delete(p);
    });
  running.add(p);
}
await Promise.all(running);
await store.close();
