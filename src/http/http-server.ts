// One HTTP server for everything: Slack (/slack/events, handed to Bolt's HTTPReceiver after our
// own checks), Bot Framework (/api/messages), health, readiness, metrics. Plain node:http: Bolt's
// default receiver is the cheapest way to serve Slack, and botbuilder's
// CloudAdapter works on it too.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handler: RouteHandler;
}

export interface HttpServerOptions {
  routes: Route[];
  logger: Logger;
  metrics?: Metrics;
  /** Header and whole-request timeouts against slow clients (ms). */
  requestTimeoutMs?: number;
}

export function createHttpServer(o: HttpServerOptions): Server {
  const byKey = new Map(o.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const listener: RequestListener = (req, res) => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = byKey.get(`${req.method} ${path}`);
    const routeLabel = route ? path : 'unmatched';
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      o.metrics?.requestSeconds.observe(
        { route: routeLabel, method: req.method ?? '', status: String(res.statusCode) },
        seconds,
      );
    });
    if (!route) {
      const known = o.routes.some((r) => r.path === path);
      res
        .writeHead(known ? 405 : 404, { 'content-type': 'text/plain' })
        .end(known ? 'method not allowed' : 'not found');
      return;
    }
    Promise.resolve(route.handler(req, res)).catch((err: unknown) => {
      o.logger.error({ err, route: path }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      else res.end();
    });
  };
  const server = createServer(
    { requestTimeout: o.requestTimeoutMs ?? 30_000, headersTimeout: 10_000 },
    listener,
  );
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Reads a request body up to `limitBytes`; null when it is larger (the caller answers 413). */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limitBytes) {
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
