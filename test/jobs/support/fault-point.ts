// The crash points of a worker process: FAULT_AT=<point> makes the process kill itself there
// with SIGKILL, as a crash would, after writing one line that says so (synchronously: the kill
// must not overtake a buffered log line).
import { writeSync } from 'node:fs';

export function killAtFaultPoint(instanceId: string): (point: string) => void {
  return (point) => {
    if (process.env.FAULT_AT !== point) return;
    writeSync(
      1,
      `${JSON.stringify({ level: 30, instance: instanceId, point, msg: 'fault point reached: killing myself' })}\n`,
    );
    process.kill(process.pid, 'SIGKILL');
  };
}
