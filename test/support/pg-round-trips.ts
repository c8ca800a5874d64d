// A loopback TCP proxy in front of PostgreSQL that counts the client's round trips: it reads the
// wire protocol from client to server and counts the messages that make the server answer, a
// simple Query ('Q', what BEGIN and COMMIT are sent as) and a Sync ('S', which ends each
// extended-protocol query: Parse/Bind/Describe/Execute/Sync). The startup packet (and an
// SSLRequest) carry no type byte and are not counted.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface PgRoundTripCounter {
  port: number;
  /** Round trips (Query + Sync messages) since the start or the last reset. */
  count(): number;
  /** Each counted message: `Q begin`, `S select ...` (the Parse's text before its Sync). */
  log(): string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startPgRoundTripCounter(host: string, port: number): Promise<PgRoundTripCounter> {
  let counted: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(port, host);
    sockets.add(client);
    sockets.add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false;
    let lastParse = '';
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          // SSLRequest / GSSENCRequest come before the real startup packet.
          if (code !== 80877103 && code !== 80877104) started = true;
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0] as number);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        if (type === 'Q') counted.push(`Q ${body.toString('utf8').replace(/\0.*$/s, '')}`);
        else if (type === 'P') {
          // Parse: statement name\0 query text\0 ...
          const nameEnd = body.indexOf(0);
          const textEnd = body.indexOf(0, nameEnd + 1);
          lastParse = body.subarray(nameEnd + 1, textEnd).toString('utf8');
        } else if (type === 'S') {
          counted.push(`S ${lastParse}`);
          lastParse = '';
        }
        buffer = buffer.subarray(1 + length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on('error', () => b.destroy());
      a.on('close', () => {
        b.destroy();
        sockets.delete(a);
      });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    count: () => counted.length,
    log: () => [...counted],
    reset: () => {
      counted = [];
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
