// Decider processes for the decision rows (workers/decider.ts): each its own Node process on the
// campaign's database, so that the attempts at one case race across processes, on PostgreSQL
// and on SQLite alike. `decide` sends one attempt to one process and waits for its answer.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DecisionCommand } from '../src/domain/workflow/authorize-decision.js';
import type { Actor } from '../src/workflow/workflow.js';
import type { DecideAnswer, DeciderOptions } from './workers/decider.js';

const SCRIPT = fileURLToPath(new URL('./workers/decider.ts', import.meta.url));

class DeciderProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (a: DecideAnswer) => void>();
  private stderr = '';
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;

  constructor(o: DeciderOptions) {
    this.child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(o)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (d) => {
      this.stderr += String(d);
    });
    let ready: () => void = () => {};
    this.ready = new Promise((r) => {
      ready = r;
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as DecideAnswer & { msg?: string };
      if (msg.msg === 'decider ready') return ready();
      const done = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      done?.(msg);
    });
    this.exited = new Promise((resolve) => this.child.once('close', () => resolve()));
    void this.exited.then(() => {
      for (const [id, done] of this.waiting) done({ id, ok: false, error: `decider exited: ${this.stderr}` });
      this.waiting.clear();
    });
  }

  decide(id: number, actor: Actor, command: DecisionCommand): Promise<DecideAnswer> {
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, actor, command })}\n`);
    });
  }

  async stop(): Promise<void> {
    this.child.stdin.end('quit\n');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface Deciders {
  count: number;
  /** Sends the attempt to process `k % count`. */
  decide(k: number, actor: Actor, command: DecisionCommand): Promise<DecideAnswer>;
  stop(): Promise<void>;
}

export async function startDeciders(n: number, o: DeciderOptions): Promise<Deciders> {
  const procs = Array.from({ length: n }, () => new DeciderProcess(o));
  const started = Promise.all(procs.map((p) => p.ready));
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('decider processes did not start within 60 s')), 60_000).unref(),
  );
  await Promise.race([started, timeout]);
  let next = 0;
  return {
    count: n,
    decide: (k, actor, command) => (procs[k % n] as DeciderProcess).decide(next++, actor, command),
    stop: async () => {
      await Promise.all(procs.map((p) => p.stop()));
    },
  };
}
