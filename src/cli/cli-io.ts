/** Where a command writes and reads: the process in production, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  /** True when stdout/stderr is a terminal (progress is shown only then). */
  isTty: boolean;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTty: process.stderr.isTTY === true,
    env: process.env,
  };
}
