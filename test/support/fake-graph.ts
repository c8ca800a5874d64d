// A local Microsoft Graph for tests, with the response shapes Graph documents: the v2.0 token
// endpoint (client credentials), `/v1.0/users` with `$expand=manager` and `@odata.nextLink`
// pages, a group's `transitiveMembers/microsoft.graph.user`, `/users/{id}/manager`,
// `/users/{id}/mailboxSettings/automaticRepliesSetting`, and
// `POST /users/{id}/teamwork/installedApps`. Throttling (429 with Retry-After) and refusals are
// scripted per test. Every call is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGraphUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName?: string;
  jobTitle?: string | null;
  department?: string | null;
  preferredLanguage?: string | null;
  accountEnabled?: boolean;
  managerId?: string | null;
  /** Automatic replies as Graph returns them. */
  autoReplies?: {
    status: 'disabled' | 'alwaysEnabled' | 'scheduled';
    start?: string;
    end?: string;
  };
}

export interface FakeGraphCall {
  method: string;
  path: string;
  status: number;
  authorization: string | null;
}

export interface FakeGraph {
  url: string;
  loginUrl: string;
  calls: FakeGraphCall[];
  users: Map<string, FakeGraphUser>;
  groups: Map<string, Set<string>>;
  /** Users for whom Koers is installed (the installedApps POSTs that succeeded). */
  installed: Set<string>;
  /** Scripted behaviour. */
  options: {
    pageSize: number;
    /** The next N data calls answer 429 with this Retry-After (seconds). */
    throttle: { count: number; retryAfter: number };
    /** Mailbox settings refused (403 ErrorAccessDenied), as when the permission is missing. */
    mailboxRefused: boolean;
    /** Installing the app refused for these users (403), as a blocking policy would. */
    installRefused: Set<string>;
    /** The token's lifetime in seconds. */
    tokenLifetime: number;
  };
  tokensIssued: number;
  close(): Promise<void>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const calls: FakeGraphCall[] = [];
  const users = new Map<string, FakeGraphUser>();
  const groups = new Map<string, Set<string>>();
  const installed = new Set<string>();
  const options: FakeGraph['options'] = {
    pageSize: 100,
    throttle: { count: 0, retryAfter: 1 },
    mailboxRefused: false,
    installRefused: new Set(),
    tokenLifetime: 3599,
  };
  let tokensIssued = 0;
  const tokens = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) =>
      send(res, 500, { error: { code: 'InternalError', message: String(err) } }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const auth = req.headers.authorization ?? null;
    const record = (status: number) =>
      calls.push({ method: req.method ?? '', path: `${path}${url.search}`, status, authorization: auth });
    const body = await readBody(req);

    if (/^\/[^/]+\/oauth2\/v2\.0\/token$/u.test(path) && req.method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials' || !form.get('client_secret')) {
        record(400);
        return send(res, 400, { error: 'invalid_client' });
      }
      tokensIssued++;
      const token = `graph-token-${tokensIssued}`;
      tokens.add(token);
      record(200);
      return send(res, 200, { token_type: 'Bearer', expires_in: options.tokenLifetime, access_token: token });
    }

    if (!auth?.startsWith('Bearer ') || !tokens.has(auth.slice(7))) {
      record(401);
      return send(res, 401, {
        error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
      });
    }
    if (options.throttle.count > 0) {
      options.throttle.count--;
      record(429);
      res.setHeader('retry-after', String(options.throttle.retryAfter));
      return send(res, 429, { error: { code: 'TooManyRequests', message: 'throttled' } });
    }

    /** The path's one parameter when it matches `re`, decoded; null otherwise. */
    const at = (re: RegExp) => {
      const m = re.exec(path);
      return m ? decodeURIComponent(m[1] ?? '') : null;
    };
    if (path === '/v1.0/users' && req.method === 'GET') {
      record(200);
      const expand = url.searchParams.get('$expand')?.startsWith('manager');
      return page(res, url, [...users.values()], (u) => ({
        ...view(u),
        ...(expand
          ? { manager: u.managerId ? { '@odata.type': '#microsoft.graph.user', id: u.managerId } : null }
          : {}),
      }));
    }
    const group = at(/^\/v1\.0\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/u);
    if (group !== null) {
      const members = groups.get(group);
      if (!members) {
        record(404);
        return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'no such group' } });
      }
      record(200);
      return page(
        res,
        url,
        [...members].map((id) => users.get(id)).filter((u) => u !== undefined),
        view,
      );
    }
    const managed = at(/^\/v1\.0\/users\/([^/]+)\/manager$/u);
    if (managed !== null) {
      const u = users.get(managed);
      const mgr = u?.managerId ? users.get(u.managerId) : undefined;
      if (!mgr) {
        record(404);
        return send(res, 404, { error: { code: 'Request_ResourceNotFound', message: 'no manager' } });
      }
      record(200);
      return send(res, 200, view(mgr));
    }
    const mailbox = at(/^\/v1\.0\/users\/([^/]+)\/mailboxSettings\/automaticRepliesSetting$/u);
    if (mailbox !== null) {
      if (options.mailboxRefused) {
        record(403);
        return send(res, 403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } });
      }
      const u = users.get(mailbox);
      record(u ? 200 : 404);
      if (!u) return send(res, 404, { error: { code: 'ErrorItemNotFound', message: 'no mailbox' } });
      const a = u.autoReplies ?? { status: 'disabled' };
      return send(res, 200, {
        status: a.status,
        externalAudience: 'none',
        scheduledStartDateTime: {
          dateTime: a.start ? `${a.start}T00:00:00.0000000` : '2026-01-01T00:00:00.0000000',
          timeZone: 'UTC',
        },
        scheduledEndDateTime: {
          dateTime: a.end ? `${a.end}T00:00:00.0000000` : '2026-01-02T00:00:00.0000000',
          timeZone: 'UTC',
        },
      });
    }
    const installFor = at(/^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/u);
    if (installFor !== null && req.method === 'POST') {
      const id = installFor;
      const bind = (JSON.parse(body || '{}') as Record<string, string>)['teamsApp@odata.bind'] ?? '';
      if (!/\/appCatalogs\/teamsApps\/[^/]+$/u.test(bind)) {
        record(400);
        return send(res, 400, { error: { code: 'BadRequest', message: 'teamsApp@odata.bind is required' } });
      }
      if (options.installRefused.has(id)) {
        record(403);
        return send(res, 403, {
          error: { code: 'Forbidden', message: 'App installation is blocked by policy.' },
        });
      }
      if (installed.has(id)) {
        record(409);
        return send(res, 409, { error: { code: 'Conflict', message: 'App is already installed.' } });
      }
      installed.add(id);
      record(201);
      res.statusCode = 201;
      res.end();
      return;
    }
    record(404);
    send(res, 404, { error: { code: 'NotFound', message: `no fake for ${req.method} ${path}` } });
  }

  function page<T>(res: ServerResponse, url: URL, items: T[], shape: (x: T) => unknown): void {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const slice = items.slice(skip, skip + options.pageSize);
    const next = skip + options.pageSize < items.length ? skip + options.pageSize : null;
    const nextUrl = new URL(url.toString().replace('http://fake', base()));
    nextUrl.searchParams.set('$skiptoken', String(next));
    send(res, 200, {
      '@odata.context': `${base()}/v1.0/$metadata#users`,
      value: slice.map(shape),
      ...(next !== null ? { '@odata.nextLink': nextUrl.toString() } : {}),
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base(),
    loginUrl: base(),
    calls,
    users,
    groups,
    installed,
    options,
    get tokensIssued() {
      return tokensIssued;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function view(u: FakeGraphUser) {
  return {
    '@odata.type': '#microsoft.graph.user',
    id: u.id,
    displayName: u.displayName,
    mail: u.mail,
    userPrincipalName: u.userPrincipalName ?? u.mail ?? `${u.id}@tenant.example`,
    jobTitle: u.jobTitle ?? null,
    department: u.department ?? null,
    preferredLanguage: u.preferredLanguage ?? null,
    accountEnabled: u.accountEnabled ?? true,
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      s += d;
    });
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}
