// A local fake of the Bot Connector: the `serviceUrl` of the activities a test sends, so every
// reply and proactive message of the bot arrives here. It records each call, answers `{ id }`, and
// can be scripted per call (429 with Retry-After, 403, 404, 412, …). Like Teams, it refuses a
// message over 28 KB with 413.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity replied to (POST …/activities/{id}) or updated (PUT …/activities/{id}). */
  activityId: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: a recorded activity is whatever the bot sent.
  activity: any;
  authorization: string | null;
  status: number;
  at: number;
  /** The id this call's message got (POST answered 2xx). */
  id: string | null;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Script {
  match: (call: ConnectorCall) => boolean;
  answers: ScriptedAnswer[];
}

export interface FakeConnector {
  /** The serviceUrl, with its trailing slash. */
  url: string;
  calls: ConnectorCall[];
  /** The next calls that match get these answers, one each, in order. */
  script(match: (call: ConnectorCall) => boolean, answers: ScriptedAnswer[]): void;
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Calls posting or updating in one conversation. */
  to(conversationId: string): ConnectorCall[];
  close(): Promise<void>;
}

export const TEAMS_MAX_MESSAGE_BYTES = 28 * 1024;

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const scripts: Script[] = [];
  const waiters: Array<{ predicate: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }> =
    [];
  let next = 1;

  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    // Also under /_connector, where the Agents Playground serves it (the demo's known address).
    const m = /^(?:\/_connector)?\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(
      (req.url ?? '').split('?')[0] ?? '',
    );
    if (/^(?:\/_connector)?\/v3\/conversations\/?$/.test(path) && req.method === 'POST') {
      // Creating a conversation (a personal chat with someone who never wrote to the bot).
      let params: unknown = null;
      try {
        params = JSON.parse(body);
      } catch {
        // recorded as null
      }
      const call: ConnectorCall = {
        method: 'POST',
        path,
        conversationId: '',
        activityId: null,
        activity: params,
        authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : null,
        status: 0,
        at: Date.now(),
        id: null,
      };
      const script = scripts.find((s) => s.answers.length > 0 && s.match(call));
      const answer = script?.answers.shift();
      if (answer) {
        call.status = answer.status;
        res
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer.body ?? {}));
      } else {
        const members = (params as { members?: Array<{ id?: string }> } | null)?.members ?? [];
        const id = `a:created-${members[0]?.id ?? 'someone'}`;
        call.status = 201;
        call.id = id;
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      }
      calls.push(call);
      for (const w of [...waiters]) {
        if (w.predicate(call)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(call);
        }
      }
      return;
    }
    if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'NotFound', message: path } }));
      return;
    }
    let activity: unknown = null;
    try {
      activity = JSON.parse(body);
    } catch {
      // recorded as null
    }
    const call: ConnectorCall = {
      method: req.method,
      path,
      conversationId: decodeURIComponent(m[1] ?? ''),
      activityId: m[2] ? decodeURIComponent(m[2]) : null,
      activity,
      authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : null,
      status: 0,
      at: Date.now(),
      id: null,
    };
    const script = scripts.find((s) => s.answers.length > 0 && s.match(call));
    const answer =
      script?.answers.shift() ??
      (Buffer.byteLength(body) > TEAMS_MAX_MESSAGE_BYTES
        ? { status: 413, body: { error: { code: 'MessageSizeTooBig', message: 'too big' } } }
        : null);
    if (answer) {
      call.status = answer.status;
      res
        .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        .end(
          JSON.stringify(answer.body ?? { error: { code: `Status${answer.status}`, message: 'scripted' } }),
        );
    } else {
      const id = req.method === 'PUT' ? (call.activityId ?? '') : `act-${next++}`;
      call.status = req.method === 'PUT' ? 200 : 201;
      call.id = id;
      res.writeHead(call.status, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    }
    calls.push(call);
    for (const w of [...waiters]) {
      if (w.predicate(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    script(match, answers) {
      scripts.push({ match, answers: [...answers] });
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const done = calls.find(predicate);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(
              new Error(
                `fake connector: no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', ')}`,
              ),
            );
          }
        }, timeoutMs).unref();
      });
    },
    to: (conversationId) => calls.filter((c) => c.conversationId === conversationId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
