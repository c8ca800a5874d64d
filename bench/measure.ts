// What several benches measure the same way: the median of a few figures, and CPU time per call.

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Runs `batch` until `ms` of this process's CPU time (user + system) have passed; `batch` makes
 * some calls and answers how many. Answers CPU µs per call and the calls made.
 */
export function cpuPerCall(ms: number, batch: () => number): { usPerCall: number; calls: number } {
  let calls = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < ms * 1000) {
    calls += batch();
    const u = process.cpuUsage(start);
    used = u.user + u.system;
  }
  return { usPerCall: used / calls, calls };
}
