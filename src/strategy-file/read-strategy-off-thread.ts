// Reads, parses and validates a strategy file in a worker thread, so that reloading a large file
// never stalls the requests the server is answering; only putting the validated file back together
// and compiling it (linear, a few milliseconds even for tens of thousands of priorities) happen
// here, one slice per turn of the event loop.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileStrategy, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { StrategyIssue } from '../domain/strategy/strategy-issues.js';
import type { StrategyFile } from '../domain/strategy/strategy-schema.js';
import { createAssembler } from './off-thread-transfer.js';
import type { ReaderMessage } from './strategy-reader-worker.js';

export type OffThreadRead =
  | { ok: true; strategy: Strategy; threadId: number }
  | { ok: false; problems: string[]; total: number; unreadable: boolean; threadId: number | null };

export function readStrategyOffThread(path: string): Promise<OffThreadRead> {
  const worker = startWorker(path);
  const assembler = createAssembler();
  return new Promise<OffThreadRead>((resolve) => {
    let settled = false;
    const settle = (r: OffThreadRead) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      resolve(r);
    };
    worker.on('message', (m: ReaderMessage) => {
      if (m.kind === 'part') {
        assembler.add(m);
        // The next slice only after the event loop has had its turn.
        setImmediate(() => worker.postMessage('next'));
        return;
      }
      if (m.kind === 'done') {
        const extra = m.extra as { sha256: string; warnings: StrategyIssue[]; threadId: number };
        const file = assembler.finish(m.skeleton) as StrategyFile;
        settle({
          ok: true,
          strategy: compileStrategy(file, extra.sha256, extra.warnings),
          threadId: extra.threadId,
        });
        return;
      }
      settle({
        ok: false,
        problems: m.problems,
        total: m.kind === 'invalid' ? m.total : m.problems.length,
        unreadable: m.kind === 'failed',
        threadId: m.threadId,
      });
    });
    worker.once('error', (err) =>
      settle({
        ok: false,
        problems: [`the strategy reader failed: ${err.message}`],
        total: 1,
        unreadable: true,
        threadId: null,
      }),
    );
    worker.once('exit', (code) =>
      settle({
        ok: false,
        problems: [`the strategy reader stopped (exit ${code})`],
        total: 1,
        unreadable: true,
        threadId: null,
      }),
    );
  });
}

/**
 * The worker from the compiled file next to this one; run from the TypeScript sources (tests,
 * tsx), the worker registers tsx first, as the thread does not inherit the parent's loader.
 */
function startWorker(path: string): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return new Worker(new URL('./strategy-reader-worker.js', here), { workerData: { path } });
  const target = new URL('./strategy-reader-worker.ts', here).href;
  const tsxRoot = dirname(createRequire(here).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(code, { eval: true, workerData: { path } });
}
