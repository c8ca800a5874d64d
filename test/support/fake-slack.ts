// A local fake of the Slack Web API (point SLACK_API_URL at `apiUrl`) that records every call and
// answers like Slack: auth.test, conversations.open, chat.postMessage/update/postEphemeral,
// conversations.history (with the metadata of what was posted), views.open/publish, users.info,
// and the response_url of slash commands and clicks. Answers can be scripted per method (429 with
// Retry-After, an error string, a reset connection after accepting). Block Kit limits are enforced
// as Slack does (invalid_blocks / msg_too_long), so a test sees any payload Slack would refuse.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  /** Wall-clock ms when the call arrived. */
  at: number;
  /** What the fake answered: `ok`, an error string, `429`, or `reset`. */
  outcome: string;
  /** The request's path (tells one response_url from another). */
  path?: string;
}

export type ScriptedAnswer =
  | { kind: 'error'; error: string }
  | { kind: 'rate_limited'; retryAfterS: number }
  | { kind: 'http'; status: number }
  /** Do what the method does (post the message), then drop the connection before answering. */
  | { kind: 'accept_then_reset' };

/** Decides the answer for one call; undefined: answer normally. */
export type Script = (call: { args: Record<string, unknown>; n: number }) => ScriptedAnswer | undefined;

interface StoredMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: unknown;
  metadata?: unknown;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: FakeCall[];
  /** Calls of one method (`response_url` for response_url posts). */
  callsOf(method: string): FakeCall[];
  script(method: string, script: Script | null): void;
  /** A response_url the fake records calls to. */
  responseUrl(name?: string): string;
  /** Where apps.connections.open sends Socket Mode clients (a local WebSocket server). */
  useSocketUrl(url: string): void;
  /** The messages in a channel, oldest first. */
  messages(channel: string): StoredMessage[];
  /** Resolves when `predicate` holds for the call log (polling), or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: FakeCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const FAKE_TEAM = 'T0KOERS';
export const FAKE_BOT_USER = 'U0KOERSBOT';
export const FAKE_BOT_ID = 'B0KOERS';

/** The DM channel the fake gives a user. */
export const dmOf = (user: string) => `D${user}`;

/** A workspace member as `users.list` returns it, with custom profile field values by field id. */
export interface FakeMember {
  id: string;
  real_name: string;
  email?: string;
  title?: string;
  locale?: string;
  deleted?: boolean;
  is_bot?: boolean;
  fields?: Record<string, string>;
}

/** A custom profile field as `team.profile.get` describes it. */
export interface FakeProfileField {
  id: string;
  label: string;
  /** Admins only (protected): the only kind that may raise a role. */
  isProtected?: boolean;
}

export async function startFakeSlack(
  options: {
    locales?: Record<string, string>;
    timeZones?: Record<string, string>;
    /** The workspace's members (users.list, paged like Slack with cursors) and profile fields. */
    members?: FakeMember[];
    profileFields?: FakeProfileField[];
  } = {},
): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const scripts = new Map<string, Script>();
  const counts = new Map<string, number>();
  const channels = new Map<string, StoredMessage[]>();
  const uploads = new Map<string, { filename: string; length: number; bytes: number }>();
  let seq = 0;
  let socketUrl: string | null = null;
  const nextTs = () => `${1_800_000_000 + seq}.${String(++seq).padStart(6, '0')}`;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/upload/')) {
      // The upload URL files.getUploadURLExternal handed out: the file's bytes arrive here.
      const bytes = await readBytes(req);
      const fileId = path.slice('/upload/'.length);
      const file = uploads.get(fileId);
      if (file) file.bytes = bytes.length;
      calls.push({
        method: 'upload',
        args: { file_id: fileId, bytes: bytes.length },
        at: Date.now(),
        outcome: file ? 'ok' : 'unknown_file',
      });
      res
        .writeHead(file ? 200 : 404, { 'content-type': 'text/plain' })
        .end(file ? `OK - ${bytes.length}` : 'not found');
      return;
    }
    const body = await readAll(req);
    const method = path.startsWith('/api/')
      ? path.slice('/api/'.length)
      : path.startsWith('/respond/')
        ? 'response_url'
        : path;
    const args = parseArgs(body, String(req.headers['content-type'] ?? ''));
    const n = (counts.get(method) ?? 0) + 1;
    counts.set(method, n);
    const call: FakeCall = { method, args, at: Date.now(), outcome: 'ok', path };
    calls.push(call);
    const scripted = scripts.get(method)?.({ args, n });
    if (scripted?.kind === 'rate_limited') {
      call.outcome = '429';
      res
        .writeHead(429, { 'retry-after': String(scripted.retryAfterS), 'content-type': 'application/json' })
        .end('{"ok":false,"error":"ratelimited"}');
      return;
    }
    if (scripted?.kind === 'http') {
      call.outcome = `http_${scripted.status}`;
      res.writeHead(scripted.status).end();
      return;
    }
    if (scripted?.kind === 'error') {
      call.outcome = scripted.error;
      json(res, { ok: false, error: scripted.error });
      return;
    }
    const problem = limitProblem(method, args);
    if (problem) {
      call.outcome = problem;
      json(res, { ok: false, error: problem });
      return;
    }
    const answer = perform(method, args);
    if (scripted?.kind === 'accept_then_reset') {
      call.outcome = 'reset';
      res.socket?.destroy();
      return;
    }
    if (answer.ok === false) call.outcome = String(answer.error);
    json(res, answer);
  }

  function perform(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        return socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: 'socket_mode_not_enabled' };
      case 'auth.test':
        return {
          ok: true,
          user_id: FAKE_BOT_USER,
          bot_id: FAKE_BOT_ID,
          team_id: FAKE_TEAM,
          user: 'koers',
          team: 'Koers test',
        };
      case 'conversations.open': {
        const user = String(args.users ?? '').split(',')[0] ?? '';
        return user
          ? { ok: true, channel: { id: dmOf(user) } }
          : { ok: false, error: 'users_list_not_supplied' };
      }
      case 'users.list': {
        const all = options.members ?? [];
        const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 1000);
        const start = Number(String(args.cursor ?? '').replace(/^page-/, '')) || 0;
        const page = all.slice(start, start + limit);
        const next = start + limit < all.length ? `page-${start + limit}` : '';
        return {
          ok: true,
          members: page.map((m) => ({
            id: m.id,
            name: m.id.toLowerCase(),
            real_name: m.real_name,
            deleted: m.deleted ?? false,
            is_bot: m.is_bot ?? false,
            locale: m.locale ?? 'nl-NL',
            profile: { real_name: m.real_name, email: m.email, title: m.title ?? '' },
          })),
          response_metadata: { next_cursor: next },
        };
      }
      case 'team.profile.get':
        return {
          ok: true,
          profile: {
            fields: (options.profileFields ?? []).map((f) => ({
              id: f.id,
              label: f.label,
              type: 'text',
              options: { is_protected: f.isProtected ? 1 : 0 },
            })),
          },
        };
      case 'users.profile.get': {
        const m = (options.members ?? []).find((x) => x.id === String(args.user ?? ''));
        if (!m) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          profile: {
            real_name: m.real_name,
            email: m.email,
            title: m.title ?? '',
            fields: Object.fromEntries(
              Object.entries(m.fields ?? {}).map(([id, value]) => [id, { value, alt: '' }]),
            ),
          },
        };
      }
      case 'users.info': {
        const user = String(args.user ?? '');
        return {
          ok: true,
          user: {
            id: user,
            name: user.toLowerCase(),
            real_name: `Person ${user}`,
            locale: options.locales?.[user] ?? 'nl-NL',
            tz: options.timeZones?.[user] ?? 'Europe/Amsterdam',
          },
        };
      }
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        const message: StoredMessage = {
          ts: nextTs(),
          channel,
          text: String(args.text ?? ''),
          blocks: args.blocks,
          ...(args.metadata ? { metadata: args.metadata } : {}),
        };
        const list = channels.get(channel) ?? [];
        list.push(message);
        channels.set(channel, list);
        return { ok: true, channel, ts: message.ts, message: { ts: message.ts, text: message.text } };
      }
      case 'chat.update': {
        const channel = String(args.channel ?? '');
        const found = channels.get(channel)?.find((m) => m.ts === args.ts);
        if (found) {
          found.text = String(args.text ?? '');
          found.blocks = args.blocks;
        }
        return { ok: true, channel, ts: args.ts, text: args.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'conversations.history': {
        const withMeta = args.include_all_metadata === 'true' || args.include_all_metadata === true;
        const limit = Number(args.limit ?? 100);
        const list = [...(channels.get(String(args.channel ?? '')) ?? [])].reverse().slice(0, limit);
        return {
          ok: true,
          messages: list.map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            bot_id: FAKE_BOT_ID,
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          })),
          has_more: false,
        };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++seq}`;
        uploads.set(id, {
          filename: String(args.filename ?? ''),
          length: Number(args.length ?? 0),
          bytes: 0,
        });
        return { ok: true, upload_url: `${url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{
          id: string;
        }>;
        if (!files?.every((f) => uploads.get(f.id)?.bytes)) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id })) };
      }
      case 'views.open':
        return { ok: true, view: { id: `V${++seq}`, hash: `h${seq}` } };
      case 'views.publish':
        return { ok: true, view: { id: `V${++seq}` } };
      case 'response_url':
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  let responses = 0;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    script: (method, script) => {
      if (script) scripts.set(method, script);
      else scripts.delete(method);
    },
    useSocketUrl: (u) => {
      socketUrl = u;
    },
    responseUrl: (name) => `${url}/respond/${name ?? ++responses}`,
    messages: (channel) => [...(channels.get(channel) ?? [])],
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > until)
          throw new Error(
            `fake slack: condition not met in ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method}(${c.outcome})`).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const JSON_ARGS = new Set(['blocks', 'attachments', 'metadata', 'view']);

function parseArgs(body: string, contentType: string): Record<string, unknown> {
  if (body === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseQuery(body))) {
    const value = Array.isArray(v) ? v[0] : v;
    out[k] = JSON_ARGS.has(k) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out;
}

function json(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

// ---- Slack's limits, as the real API enforces them --------------------------------------------

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url']);

/**
 * What Slack would answer for this call or message ('invalid_blocks', 'msg_too_long', ...), or
 * null when it takes it. Also for message bodies that never reach the fake (an ack's body:
 * check them as 'response_url').
 */
export function limitProblem(method: string, args: Record<string, unknown>): string | null {
  if (MESSAGE_METHODS.has(method)) {
    if (typeof args.text === 'string' && args.text.length > 40_000) return 'msg_too_long';
    if (args.blocks !== undefined) return blocksProblem(args.blocks, 50);
    return typeof args.text === 'string' && args.text.length > 0 ? null : 'no_text';
  }
  if (method === 'views.open' || method === 'views.publish') {
    const view = args.view as {
      type?: string;
      blocks?: unknown;
      title?: { text?: string };
      submit?: { text?: string };
      private_metadata?: string;
    };
    if (!view || typeof view !== 'object') return 'invalid_arguments';
    if (view.type === 'modal') {
      if (!view.title?.text || view.title.text.length > 24) return 'invalid_arguments';
      if (view.submit?.text !== undefined && view.submit.text.length > 24) return 'invalid_arguments';
    }
    if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
      return 'invalid_arguments';
    return blocksProblem(view.blocks, 100);
  }
  return null;
}

type AnyBlock = Record<string, unknown>;

function blocksProblem(blocks: unknown, maxBlocks: number): string | null {
  if (!Array.isArray(blocks)) return 'invalid_blocks';
  if (blocks.length > maxBlocks) return 'invalid_blocks';
  for (const b of blocks as AnyBlock[]) {
    const problem = blockProblem(b);
    if (problem) return problem;
  }
  return null;
}

const textOk = (t: unknown, max: number) => {
  const o = t as { type?: string; text?: unknown } | undefined;
  return (
    !!o &&
    (o.type === 'plain_text' || o.type === 'mrkdwn') &&
    typeof o.text === 'string' &&
    o.text.length >= 1 &&
    o.text.length <= max
  );
};

function blockProblem(b: AnyBlock): string | null {
  if (typeof b.block_id === 'string' && b.block_id.length > 255) return 'invalid_blocks';
  switch (b.type) {
    case 'section': {
      if (b.text !== undefined && !textOk(b.text, 3000)) return 'invalid_blocks';
      if (b.fields !== undefined) {
        const fields = b.fields as unknown[];
        if (!Array.isArray(fields) || fields.length > 10 || !fields.every((f) => textOk(f, 2000)))
          return 'invalid_blocks';
      }
      if (b.text === undefined && b.fields === undefined) return 'invalid_blocks';
      return null;
    }
    case 'context': {
      const elements = b.elements as unknown[];
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) return 'invalid_blocks';
      return elements.every((e) => textOk(e, 3000)) ? null : 'invalid_blocks';
    }
    case 'header':
      return textOk(b.text, 150) ? null : 'invalid_blocks';
    case 'divider':
      return null;
    case 'actions': {
      const elements = b.elements as AnyBlock[];
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) return 'invalid_blocks';
      return elements.every(elementOk) ? null : 'invalid_blocks';
    }
    case 'input': {
      if (!textOk(b.label, 2000)) return 'invalid_blocks';
      if (b.hint !== undefined && !textOk(b.hint, 2000)) return 'invalid_blocks';
      return elementOk(b.element as AnyBlock) ? null : 'invalid_blocks';
    }
    default:
      return 'invalid_blocks';
  }
}

function optionOk(o: AnyBlock): boolean {
  return (
    textOk(o.text, 75) &&
    typeof o.value === 'string' &&
    o.value.length <= 150 &&
    (o.description === undefined || textOk(o.description, 75))
  );
}

function elementOk(e: AnyBlock): boolean {
  if (!e || typeof e !== 'object') return false;
  if (typeof e.action_id === 'string' && e.action_id.length > 255) return false;
  if (e.placeholder !== undefined && !textOk(e.placeholder, 150)) return false;
  switch (e.type) {
    case 'button':
      return (
        textOk(e.text, 75) &&
        (e.value === undefined || (typeof e.value === 'string' && e.value.length <= 2000))
      );
    case 'static_select': {
      const options = e.options as AnyBlock[];
      return (
        Array.isArray(options) && options.length >= 1 && options.length <= 100 && options.every(optionOk)
      );
    }
    case 'checkboxes': {
      const options = e.options as AnyBlock[];
      return Array.isArray(options) && options.length >= 1 && options.length <= 10 && options.every(optionOk);
    }
    case 'plain_text_input': {
      const max = e.max_length === undefined ? 3000 : Number(e.max_length);
      if (!(max >= 1 && max <= 3000)) return false;
      return (
        e.initial_value === undefined ||
        (typeof e.initial_value === 'string' && e.initial_value.length <= max)
      );
    }
    case 'number_input':
      return typeof e.is_decimal_allowed === 'boolean';
    default:
      return false;
  }
}
