// Reading what Koers sent to the fake Slack: messages per channel, their buttons and the actions
// the buttons carry, the text people see, and a scan for live mentions or links.
import type { Kysely } from 'kysely';
import { type ActionPayload, parseActionPayload } from '../../../src/conversation/index.js';
import type { Database } from '../../../src/store/schema.js';
import type { FakeCall, FakeSlack } from '../../support/fake-slack.js';
import type { ClickedButton } from '../../support/slack-sender.js';

export const posts = (fake: FakeSlack, channel: string) =>
  fake.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.outcome === 'ok',
  );

/** Waits until `channel` has had at least `count` successful posts; returns them. */
export async function waitForPosts(
  fake: FakeSlack,
  channel: string,
  count: number,
  timeoutMs = 10_000,
): Promise<FakeCall[]> {
  await fake.waitFor(() => posts(fake, channel).length >= count, timeoutMs);
  return posts(fake, channel);
}

/** The text of a call as a person would read it: every mrkdwn and plain text in it, joined. */
export function textOf(call: FakeCall | undefined): string {
  if (!call) return '';
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      if (key === 'text') out.push(v);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(call.args.blocks ?? call.args.view ?? []);
  return out.join('\n');
}

export interface FoundButton extends ClickedButton {
  action: ActionPayload;
}

/** The buttons (and select options) of a message or view, with the actions they carry. */
export function buttonsOf(call: FakeCall | undefined): FoundButton[] {
  const out: FoundButton[] = [];
  const blocks = (call?.args.blocks ??
    (call?.args.view as { blocks?: unknown } | undefined)?.blocks ??
    []) as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
  for (const b of blocks) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements ?? []) {
      if (e.type === 'button' && typeof e.value === 'string') {
        const action = parseActionPayload(e.value);
        if (action) out.push({ action_id: String(e.action_id), value: e.value, action });
      }
      if (e.type === 'static_select') {
        for (const o of (e.options as Array<{ value: string }>) ?? []) {
          const action = parseActionPayload(o.value);
          if (action)
            out.push({ action_id: String(e.action_id), selected_option: { value: o.value }, action });
        }
      }
    }
  }
  return out;
}

export function decisionButton(call: FakeCall | undefined, decision: string): FoundButton {
  const found = buttonsOf(call).find((b) => b.action.type === 'decide' && b.action.decision === decision);
  if (!found) throw new Error(`no ${decision} button in ${textOf(call).slice(0, 300)}`);
  return { action_id: found.action_id, ...(found.value ? { value: found.value } : {}), action: found.action };
}

/** Posts made by the outbox (they carry Koers's metadata), optionally of one kind (dedupe key prefix). */
export function outboxPosts(fake: FakeSlack, channel: string, kind?: string): FakeCall[] {
  return posts(fake, channel).filter((c) => {
    const meta = c.args.metadata as
      | { event_type?: string; event_payload?: { dedupe_key?: string } }
      | undefined;
    return (
      meta?.event_type === 'koers_outbox' &&
      (kind === undefined || String(meta.event_payload?.dedupe_key ?? '').startsWith(`${kind}:`))
    );
  });
}

const LIVE_MARKUP = /<[!@#]|<(?:https?|mailto):/i;
/** Data Slack never renders as markup: what a button or option sends back, an input's text, what a modal carries. */
const DATA_KEYS = new Set([
  'value',
  'initial_value',
  'private_metadata',
  'action_id',
  'block_id',
  'callback_id',
  'metadata',
]);

/**
 * Every string Koers sent that Slack would turn into a mention, a channel link or a link: mrkdwn
 * text and the top-level `text`. plain_text objects are shown as typed (Slack parses nothing in
 * them), and values sent back to Koers are data, so those are not scanned.
 */
export function liveMarkup(calls: ReadonlyArray<FakeCall>): Array<{ method: string; text: string }> {
  const found: Array<{ method: string; text: string }> = [];
  const walk = (method: string, v: unknown, key?: string) => {
    if (key !== undefined && DATA_KEYS.has(key)) return;
    if (typeof v === 'string') {
      if (LIVE_MARKUP.test(v)) found.push({ method, text: v.slice(0, 200) });
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(method, x);
    else if (v && typeof v === 'object') {
      if ((v as { type?: unknown }).type === 'plain_text') return;
      for (const [k, x] of Object.entries(v)) walk(method, x, k);
    }
  };
  for (const c of calls) walk(c.method, c.args);
  return found;
}

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = [
    'cases',
    'decisions',
    'outbox',
    'processed_events',
    'conversation_state',
    'case_messages',
    'audit_log',
  ] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Log lines with message `msg` the app has written so far. */
export function logCount(logs: ReadonlyArray<string>, msg: string): number {
  const needle = `"msg":${JSON.stringify(msg)}`;
  return logs.filter((l) => l.includes(needle)).length;
}

/**
 * Waits until the app has logged `msg` at least `count` times: the completion signal of work a
 * request started after its response (Bolt acknowledges events and clicks before it runs them).
 */
export async function waitForLog(
  logs: ReadonlyArray<string>,
  msg: string,
  count: number,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (logCount(logs, msg) < count) {
    if (Date.now() > until) throw new Error(`no ${count} log line(s) "${msg}" within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
