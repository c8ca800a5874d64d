// A separate process that decides cases on command, for races across processes. Reads lines
// `caseId step version action` on stdin, answers one JSON line per command on stdout.
import { createInterface } from 'node:readline';
import { openStore } from '../../src/store/open-store.js';
import { createWorkflow } from '../../src/workflow/workflow.js';
import { exampleStrategy } from './example-strategy.js';

const [url, personId] = process.argv.slice(2);
if (!url || !personId) throw new Error('usage: race-worker URL PERSON_ID');
const store = await openStore(url);
const strategy = exampleStrategy();
const wf = createWorkflow({
  db: store.handle,
  backend: store.backend,
  strategy: () => strategy,
  clock: () => new Date('2026-11-23T10:00:00Z'),
  platforms: () => ['slack'],
});
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line === 'quit') break;
  const [caseId, step, version, action] = line.split(' ');
  const out = await wf.decide(
    { personId, platform: 'slack' },
    {
      caseId: Number(caseId),
      step: Number(step),
      version: Number(version),
      action: action as 'approve' | 'reject',
      reason: 'race',
    },
  );
  process.stdout.write(
    `${JSON.stringify({ caseId: Number(caseId), ok: out.ok, refusal: out.ok ? null : out.refusal })}\n`,
  );
}
await store.close();
