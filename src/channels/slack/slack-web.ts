// The one Web API client Koers uses, and what it remembers: who the bot is (auth.test), each
// person's DM channel (conversations.open) and locale (users.info).
//
// The client never retries by itself and rejects a 429 at once (`retries: 0`,
// `rejectRateLimitedCalls`): the outbox owns retries and Retry-After, so nothing waits hidden
// inside an HTTP request and no call is repeated behind the outbox's back.
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SlackConfig } from '../../config.js';
import { boltLogger } from './bolt-logger.js';

export interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId: string | undefined;
}

/** What Koers asks of a Slack user: their locale, name and IANA time zone, or nulls. */
export interface UserInfo {
  locale: string | null;
  name: string | null;
  tz: string | null;
}

export interface SlackWeb {
  client: webApi.WebClient;
  /** auth.test, remembered once it succeeded; a failure is tried again on the next call. */
  botIdentity(): Promise<BotIdentity>;
  /** The bot's DM channel with a person (D…). */
  dmChannel(userId: string): Promise<string>;
  /** The person's Slack locale (e.g. nl-NL) and display name, or nulls when Slack does not say in time. */
  userInfo(userId: string): Promise<UserInfo>;
}

const USER_INFO_TTL_MS = 60 * 60 * 1000;
/** After a failed users.info (no scope, Slack slow), ask again only after this. */
const USER_INFO_RETRY_MS = 5 * 60 * 1000;
const USER_INFO_TIMEOUT_MS = 1500;
const MAX_CACHED = 10_000;

export function createSlackWeb(config: SlackConfig, logger: Logger, now: () => number = Date.now): SlackWeb {
  const client = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
  });
  let identity: Promise<BotIdentity> | null = null;
  const dms = new Map<string, string>();
  const users = new Map<string, UserInfo & { until: number }>();
  const remember = (userId: string, info: UserInfo, ttlMs: number) => {
    if (users.size >= MAX_CACHED) users.clear();
    users.set(userId, { ...info, until: now() + ttlMs });
    return info;
  };

  function botIdentity(): Promise<BotIdentity> {
    if (!identity) {
      identity = client.auth.test().then((r) => ({
        botUserId: String(r.user_id ?? ''),
        botId: String(r.bot_id ?? ''),
        teamId: r.team_id,
      }));
      identity.catch(() => {
        identity = null;
      });
    }
    return identity;
  }

  async function dmChannel(userId: string): Promise<string> {
    const known = dms.get(userId);
    if (known) return known;
    const r = await client.conversations.open({ users: userId });
    const channel = r.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    if (dms.size >= MAX_CACHED) dms.clear();
    dms.set(userId, channel);
    return channel;
  }

  async function userInfo(userId: string): Promise<UserInfo> {
    const cached = users.get(userId);
    if (cached && now() < cached.until) return { locale: cached.locale, name: cached.name, tz: cached.tz };
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), USER_INFO_TIMEOUT_MS);
      });
      const r = await Promise.race([client.users.info({ user: userId, include_locale: true }), timeout]);
      if (!r) return remember(userId, { locale: null, name: null, tz: null }, USER_INFO_RETRY_MS);
      return remember(
        userId,
        {
          locale: r.user?.locale ?? null,
          name: r.user?.real_name || r.user?.name || null,
          tz: r.user?.tz ?? null,
        },
        USER_INFO_TTL_MS,
      );
    } catch (err) {
      logger.debug(
        { err: (err as { code?: string }).code },
        'users.info failed; the directory or strategy language is used',
      );
      return remember(userId, { locale: null, name: null, tz: null }, USER_INFO_RETRY_MS);
    } finally {
      clearTimeout(timer);
    }
  }

  return { client, botIdentity, dmChannel, userInfo };
}
