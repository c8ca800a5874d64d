// A loopback TCP proxy that can black-hole traffic: to take a database "away" from one app
// without stopping the shared server. It can also delay every chunk (a slow database).
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stop passing bytes (connections stay open and hang, as with a network partition). */
  blackhole(): void;
  /** Pass bytes again. */
  restore(): void;
  /** Hold every chunk this long before passing it on, both ways (0: no delay). */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let holding = false;
  let delayMs = 0;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      // Delayed chunks keep their order: none is passed on before the one that came before it.
      let lastAt = 0;
      from.on('data', (chunk) => {
        if (holding) from.pause();
        if (delayMs === 0 && lastAt <= Date.now()) {
          to.write(chunk);
          return;
        }
        lastAt = Math.max(Date.now() + delayMs, lastAt);
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
        }, lastAt - Date.now());
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        to.destroy();
        pairs.delete(pair);
      });
    }
    if (holding) {
      client.pause();
      upstream.pause();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    blackhole() {
      holding = true;
      for (const [a, b] of pairs) {
        a.pause();
        b.pause();
      }
    },
    delay(ms) {
      delayMs = ms;
    },
    restore() {
      holding = false;
      for (const [a, b] of pairs) {
        a.resume();
        b.resume();
      }
    },
    close: () =>
      new Promise<void>((r) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => r());
      }),
  };
}
