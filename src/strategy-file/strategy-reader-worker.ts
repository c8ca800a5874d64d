// Worker thread: reads and validates a strategy file off the main thread (a large file takes
// seconds of YAML parsing), then sends the validated file back in slices (off-thread-transfer.ts).
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { parseStrategy } from '../domain/strategy/parse-strategy.js';
import { formatIssue } from '../domain/strategy/strategy-issues.js';
import { InputError } from '../input-error.js';
import { readTextFile } from './load-strategy-file.js';
import { type Chunk, cut } from './off-thread-transfer.js';

/** Problems sent back at most (a file can have tens of thousands; the log needs the first ones). */
const MAX_PROBLEMS = 200;

export type ReaderMessage =
  | Chunk
  | { kind: 'invalid'; problems: string[]; total: number; threadId: number }
  | { kind: 'failed'; problems: string[]; threadId: number };

const port = parentPort;
if (!port) throw new Error('strategy-reader-worker runs as a worker thread');
const { path } = workerData as { path: string };

const send = (m: ReaderMessage) => port.postMessage(m);
const nextAsked = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

let text: string | null = null;
try {
  text = readTextFile(path, 'strategy file');
} catch (err) {
  send({
    kind: 'failed',
    problems: err instanceof InputError ? err.problems : [String((err as Error).message ?? err)],
    threadId,
  });
}
if (text !== null) {
  const parsed = parseStrategy(text);
  if (!parsed.ok) {
    send({
      kind: 'invalid',
      problems: parsed.issues.slice(0, MAX_PROBLEMS).map(formatIssue),
      total: parsed.issues.length,
      threadId,
    });
  } else {
    const { skeleton, parts } = cut(parsed.strategy.file);
    for (const part of parts) {
      send(part);
      await nextAsked();
    }
    send({
      kind: 'done',
      skeleton,
      extra: { sha256: parsed.strategy.sha256, warnings: parsed.strategy.warnings, threadId },
    });
  }
}
