// A background loop that runs a task every `everyMs`, never overlapping itself, and stops cleanly.
import type { Logger } from 'pino';

export interface Loop {
  start(): void;
  /** Runs the task now (unless it is running) and waits for it. */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

export function createLoop(
  name: string,
  everyMs: number,
  task: () => Promise<unknown>,
  logger: Logger,
): Loop {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  const runOnce = (): Promise<void> => {
    if (running) return running;
    running = task()
      .then(() => undefined)
      .catch((err: unknown) => {
        logger.error({ err, loop: name }, 'background task failed');
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await runOnce();
      schedule();
    }, everyMs);
    timer.unref?.();
  };
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    kick: runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
