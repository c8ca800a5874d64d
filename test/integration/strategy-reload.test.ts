// The strategy file changes under a running server. A file that would take the process down (YAML
// aliases that expand to a billion strings) is logged and the last good strategy stays; a valid
// but very large file is parsed in a worker thread, off the event loop that answers requests. The
// event loop's delay during that reload is measured and printed (not asserted: a wall-clock figure
// depends on the machine; scripts/measure-reload-lag.ts reports it for 30,000 priorities).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../jobs/support/scheduler-fixture.js';
import { startTestApp, type TestApp } from '../support/app-fixture.js';
import { largeStrategyText } from '../support/large-strategy.js';

const EXAMPLE = new URL('../../config/strategy.example.yaml', import.meta.url);
const BILLION_LAUGHS = new URL('../fixtures/strategies/broken/billion-laughs.yaml', import.meta.url);

describe('reloading the strategy file', () => {
  let t: TestApp | null = null;
  let dir = '';
  afterEach(async () => {
    await t?.stop();
    t = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start() {
    dir = mkdtempSync(join(tmpdir(), 'koers-reload-'));
    const path = join(dir, 'strategy.yaml');
    copyFileSync(EXAMPLE, path);
    const { logger, lines } = captureLogger();
    t = await startTestApp({ channels: [], env: { KOERS_STRATEGY: path }, logger });
    return { path, lines, app: t };
  }

  const logged = async (lines: Array<{ msg: string }>, msg: string) => {
    for (let i = 0; i < 600 && !lines.some((l) => l.msg === msg); i++)
      await new Promise((r) => setTimeout(r, 50));
    return lines.find((l) => l.msg === msg);
  };

  it('logs a billion-laughs file written over the live one and keeps serving the last good strategy', async () => {
    const { path, lines, app } = await start();
    const before = app.app.parts.holder.current().sha256;
    // Through the file watcher, as an operator's editor would do it.
    writeFileSync(path, readFileSync(BILLION_LAUGHS));
    const line = await logged(lines, 'strategy file is invalid; keeping the last good strategy');
    expect(line).toMatchObject({
      path,
      problems: ['YAML aliases expand too far (more than 100 uses): refused as a resource exhaustion attack'],
    });
    expect(app.app.parts.holder.current().sha256).toBe(before);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('parses a large valid strategy in a worker thread, not on the event loop', async () => {
    const { path, lines, app } = await start();
    writeFileSync(path, largeStrategyText(5_000));
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    expect(await app.app.reloadStrategy()).toBe(true);
    lag.disable();
    expect(app.app.parts.holder.current().priorities.size).toBe(5_006);
    const reloaded = lines.find((l) => l.msg === 'strategy reloaded') as { parseThread?: number } | undefined;
    // The main thread is thread 0: the parse ran elsewhere.
    expect(reloaded?.parseThread).toBeGreaterThan(0);
    console.log(
      `event-loop delay during a 5,000-priority reload: max ${(lag.max / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms`,
    );
  }, 60_000);
});
