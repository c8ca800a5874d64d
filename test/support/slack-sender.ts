// Plays Slack towards Koers: signs each request for real (v0 = HMAC-SHA256 over `v0:ts:body` with
// the signing secret) and posts it to /slack/events. Timestamps, secrets, signatures, headers and
// the exact bytes can be chosen, for the attacks a test names. Payload builders give the shapes
// Slack sends for events, slash commands, clicks and modal submits.
import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { stringify } from 'node:querystring';
import { FAKE_TEAM } from './fake-slack.js';

export interface SlackResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SendOptions {
  /** Request timestamp (seconds); default: now by `clock`. */
  timestamp?: number;
  /** Sign with this secret instead. */
  secret?: string;
  /** Send this signature header instead of the computed one (null: no header). */
  signature?: string | null;
  /** Extra or replacing headers (e.g. X-Slack-Retry-Num). */
  headers?: Record<string, string | string[]>;
}

export function signSlack(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackSender {
  /** Posts raw bytes with the given content type, signed. */
  post(body: string, contentType: string, options?: SendOptions): Promise<SlackResponse>;
  event(
    event: Record<string, unknown>,
    options?: SendOptions & { eventId?: string },
  ): Promise<SlackResponse & { eventId: string }>;
  command(fields: Record<string, string>, options?: SendOptions): Promise<SlackResponse>;
  interaction(payload: Record<string, unknown>, options?: SendOptions): Promise<SlackResponse>;
}

export function slackSender(o: { baseUrl: string; secret: string; clock?: () => number }): SlackSender {
  const nowS = () => Math.floor((o.clock ?? Date.now)() / 1000);
  const post = (body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> => {
    const timestamp = options.timestamp ?? nowS();
    const signature =
      options.signature === undefined
        ? signSlack(options.secret ?? o.secret, timestamp, body)
        : options.signature;
    const headers: Record<string, string | string[]> = {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(timestamp),
      ...(signature === null ? {} : { 'x-slack-signature': signature }),
      ...options.headers,
    };
    return send(`${o.baseUrl}/slack/events`, body, headers);
  };
  return {
    post,
    async event(event, options = {}) {
      const eventId = options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
      const body = JSON.stringify({
        token: 'unused-verification-token',
        team_id: FAKE_TEAM,
        api_app_id: 'A0KOERS',
        event,
        type: 'event_callback',
        event_id: eventId,
        event_time: nowS(),
        authorizations: [
          { team_id: FAKE_TEAM, user_id: 'U0KOERSBOT', is_bot: true, is_enterprise_install: false },
        ],
      });
      return { ...(await post(body, 'application/json', options)), eventId };
    },
    command(fields, options) {
      return post(stringify(fields), 'application/x-www-form-urlencoded', options);
    },
    interaction(payload, options) {
      return post(
        stringify({ payload: JSON.stringify(payload) }),
        'application/x-www-form-urlencoded',
        options,
      );
    },
  };
}

function send(url: string, body: string, headers: Record<string, string | string[]>): Promise<SlackResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---- what Slack sends ------------------------------------------------------------------------------

let counter = 0;
const next = () => ++counter;

export function dmMessage(user: string, text: string, channel = `D${user}`): Record<string, unknown> {
  const ts = `${1_790_000_000 + next()}.000100`;
  return { type: 'message', channel, channel_type: 'im', user, text, ts, event_ts: ts };
}

export function mention(user: string, text: string, channel = 'C0GENERAL'): Record<string, unknown> {
  const ts = `${1_790_000_000 + next()}.000200`;
  return { type: 'app_mention', channel, user, text, ts, event_ts: ts };
}

export function homeOpened(user: string): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user,
    channel: `D${user}`,
    tab: 'home',
    event_ts: `${1_790_000_000 + next()}.000300`,
  };
}

export function slashCommand(
  user: string,
  text: string,
  responseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    token: 'unused-verification-token',
    team_id: FAKE_TEAM,
    team_domain: 'koers-test',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/koers',
    text,
    api_app_id: 'A0KOERS',
    response_url: responseUrl,
    trigger_id: `${next()}.trigger.${randomUUID()}`,
    ...extra,
  };
}

export interface ClickedButton {
  action_id: string;
  value?: string;
  selected_option?: { value: string };
}

/** A click on a button (or a pick in a select) of a message in `channel` with timestamp `messageTs`. */
export function blockActions(
  user: string,
  element: ClickedButton,
  where: { channel: string; messageTs: string } | { home: true },
  responseUrl?: string,
): Record<string, unknown> {
  const actionTs = `${1_790_000_000 + next()}.123456`;
  const container =
    'home' in where
      ? { type: 'view', view_id: 'VHOME' }
      : { type: 'message', message_ts: where.messageTs, channel_id: where.channel, is_ephemeral: false };
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: 'A0KOERS',
    token: 'unused-verification-token',
    container,
    trigger_id: `${next()}.trigger.${randomUUID()}`,
    team: { id: FAKE_TEAM, domain: 'koers-test' },
    ...('home' in where
      ? { view: { id: 'VHOME', type: 'home' } }
      : { channel: { id: where.channel, name: 'directmessage' }, message: { ts: where.messageTs } }),
    ...(responseUrl ? { response_url: responseUrl } : {}),
    actions: [
      {
        ...element,
        type: element.selected_option ? 'static_select' : 'button',
        block_id: 'b1',
        action_ts: actionTs,
      },
    ],
  };
}

/** A modal submit, for the view Koers opened (its private_metadata) with the given input values. */
export function viewSubmission(
  user: string,
  view: { private_metadata?: string; callback_id?: string },
  values: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [blockId, value] of Object.entries(values)) state[blockId] = { [blockId]: value };
  return {
    type: 'view_submission',
    team: { id: FAKE_TEAM, domain: 'koers-test' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: 'A0KOERS',
    token: 'unused-verification-token',
    trigger_id: `${next()}.trigger.${randomUUID()}`,
    view: {
      id: `V${next()}`,
      team_id: FAKE_TEAM,
      type: 'modal',
      callback_id: view.callback_id ?? 'koers_form',
      private_metadata: view.private_metadata ?? '',
      hash: `h${next()}`,
      state: { values: state },
    },
  };
}

/** Input values as Slack reports them, by element type. */
export const input = {
  text: (value: string) => ({ type: 'plain_text_input', value }),
  number: (value: string) => ({ type: 'number_input', value }),
  select: (value: string) => ({
    type: 'static_select',
    selected_option: { value, text: { type: 'plain_text', text: value } },
  }),
  checkboxes: (values: string[]) => ({
    type: 'checkboxes',
    selected_options: values.map((value) => ({ value })),
  }),
};
