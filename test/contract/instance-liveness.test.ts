// Whether the process behind a claim is gone decides whether its claims (an outbox row, a digest
// run) are taken over at once. A live process must never look gone: its message would be sent twice.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/store/backend.js';
import { holdInstanceLiveness, type InstanceLiveness } from '../../src/store/instance-liveness.js';
import { BACKENDS, freshDatabaseUrl } from '../support/test-stores.js';

const held: InstanceLiveness[] = [];
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const h of held.splice(0)) await h.close().catch(() => {});
  for (const d of drops.splice(0)) await d();
});

async function database(backend: Backend): Promise<string> {
  const db = await freshDatabaseUrl(backend);
  drops.push(db.drop);
  return db.url;
}

async function hold(url: string, id: string): Promise<InstanceLiveness> {
  const h = await holdInstanceLiveness(url, id);
  held.push(h);
  return h;
}

const LIVENESS = fileURLToPath(new URL('../../src/store/instance-liveness.ts', import.meta.url));

/** Another process that holds `id`'s lock until it is killed. */
async function otherProcess(url: string, id: string): Promise<{ kill(): Promise<void> }> {
  const code = `const { holdInstanceLiveness } = await import(${JSON.stringify(LIVENESS)});
await holdInstanceLiveness(${JSON.stringify(url)}, ${JSON.stringify(id)});
console.log('holding');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('close', () => r()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (l) => l === 'holding' && resolve());
    child.once('close', () => reject(new Error('the holding process ended before it held its lock')));
  });
  return {
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe.each(BACKENDS)('instance liveness on %s', (backend) => {
  it('a running instance is not gone; one killed with -9 is', async () => {
    const url = await database(backend);
    const r0 = await otherProcess(url, 'r0');
    const r1 = await hold(url, 'r1');
    expect(await r1.isGone('r0')).toBe(false);
    await r0.kill();
    expect(await r1.isGone('r0')).toBe(true);
  });

  it('an instance of the same name on another database does not speak for this one', async () => {
    const here = await database(backend);
    const there = await database(backend);
    // Two deployments, both with an instance called koers-0: the other one started first.
    const elsewhere = await hold(there, 'koers-0');
    await hold(here, 'koers-0');
    const prober = await hold(here, 'koers-1');
    expect(await prober.isGone('koers-0')).toBe(false);
    // The other deployment's instance stops; this one's koers-0 still runs.
    await elsewhere.close();
    expect(await prober.isGone('koers-0')).toBe(false);
  });
});
