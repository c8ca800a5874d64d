// Reloading a 30,000-priority strategy while the server runs: the event loop's longest delay
// during the reload (what a request arriving then would wait), and how long the reload takes. The
// file is parsed in a worker thread and handed back in slices, so the delay stays small.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { loadStrategyFile } from '../src/strategy-file/load-strategy-file.js';
import { createStrategyHolder } from '../src/strategy-file/strategy-holder.js';
import { largeStrategyText } from '../test/support/large-strategy.js';
import type { BenchModule, BenchResult } from './bench-result.js';

const PRIORITIES = 30_000;
const TARGET_MAX_LAG_MS = 100;

const bench: BenchModule = {
  title: `strategy reload (${PRIORITIES.toLocaleString('en-GB')} priorities)`,
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'koers-bench-reload-'));
    try {
      const path = join(dir, 'strategy.yaml');
      writeFileSync(path, largeStrategyText(0));
      const holder = createStrategyHolder(path, pino({ level: 'silent' }), loadStrategyFile(path));
      writeFileSync(path, largeStrategyText(PRIORITIES));
      const lag = monitorEventLoopDelay({ resolution: 5 });
      lag.enable();
      const started = performance.now();
      const changed = await holder.reload();
      const seconds = (performance.now() - started) / 1000;
      lag.disable();
      if (!changed || holder.current().priorities.size < PRIORITIES)
        throw new Error('the reload did not take');
      return [
        {
          name: 'longest event-loop delay during the reload',
          value: lag.max / 1e6,
          unit: 'ms',
          target: { kind: 'max', value: TARGET_MAX_LAG_MS },
          note: `p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms`,
        },
        { name: 'reload, file change to strategy in force', value: seconds, unit: 's' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
