// A scheduler worker in its own process (node --import tsx), its JSON log lines collected.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../scheduler-worker.ts', import.meta.url));

export interface WorkerOptions {
  url: string;
  instanceId: string;
  /** The worker's clock: realNow + (fakeAnchorMs - realAnchorMs), the same for every worker. */
  fakeAnchorMs: number;
  realAnchorMs: number;
  tickMs: number;
  runLeaseMs: number;
  /** SQLite: a lease whose heartbeat is older than this is stale (default three ticks). */
  leaseStaleMs?: number;
  slackUrl: string;
  faultAt?: string;
}

export class WorkerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: Array<Record<string, unknown>> = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `script`: another worker (default: the scheduler worker), given `o` as JSON. */
  constructor(o: Partial<WorkerOptions>, script: string = SCRIPT) {
    const env = { ...process.env, FAULT_AT: o.faultAt ?? '' };
    this.child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(o)], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (d) => {
      this.stderr += String(d);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        this.lines.push({ msg: line });
      }
    });
    // 'close', not 'exit': a process may exit before the parent has read all it printed.
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code, signal) => resolve({ code, signal })),
    );
  }

  has(msg: string | RegExp): boolean {
    return this.lines.some((l) => (typeof msg === 'string' ? l.msg === msg : msg.test(String(l.msg))));
  }

  async waitFor(msg: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.has(msg)) {
      if (Date.now() > until)
        throw new Error(
          `no log "${String(msg)}" within ${timeoutMs} ms; stderr: ${this.stderr}; lines: ${JSON.stringify(this.lines.slice(-5))}`,
        );
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`worker exited before "${String(msg)}"; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end('quit\n');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
