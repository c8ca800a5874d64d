// Web API errors, classified for the outbox: wait and retry (429 with Retry-After, 5xx, network),
// or give up at once (the channel is gone, the bot was removed, the person cannot be messaged), so
// a missing strategy channel never turns into a retry storm.
// Branches on the SDK's stable codes and Slack's error strings, never on message text.
import { scrubSecrets } from '../../logger.js';

export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; error: string }
  /** Worth another try; `maybeDelivered`: Slack may have accepted the call before it failed. */
  | { kind: 'transient'; maybeDelivered: boolean; error: string }
  /** Retrying cannot help; `gone`: the conversation or person is not reachable by Koers. */
  | { kind: 'permanent'; gone: boolean; error: string };

/** The conversation, or the person behind a DM, is not reachable by the bot. */
const GONE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'cannot_dm_bot',
  'user_not_found',
  'user_disabled',
  'messages_tab_disabled',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** Slack refused the call itself: the same call would be refused again. */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'not_found',
]);

/** Slack says it failed on its side, possibly after doing part of the work. */
const SERVER_SIDE = new Set([
  'fatal_error',
  'internal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'rate_limited',
]);

interface SdkError {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

/** Slack's error string for a platform error (`channel_not_found`), else null. */
export function platformErrorOf(err: unknown): string | null {
  const e = err as SdkError;
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : null;
}

export function classifySlackError(err: unknown): SlackFailure {
  const e = (err ?? {}) as SdkError;
  const describe = (what: string) => scrubSecrets(what).slice(0, 300);
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
      return {
        kind: 'rate_limited',
        retryAfterMs: Math.max(0, seconds) * 1000,
        error: `rate_limited (retry after ${seconds} s)`,
      };
    }
    case 'slack_webapi_platform_error': {
      const error = platformErrorOf(err) ?? 'unknown_platform_error';
      if (GONE.has(error)) return { kind: 'permanent', gone: true, error };
      if (REFUSED.has(error)) return { kind: 'permanent', gone: false, error };
      if (SERVER_SIDE.has(error))
        return {
          kind: 'transient',
          maybeDelivered: error !== 'ratelimited' && error !== 'rate_limited',
          error,
        };
      // An error string this list does not know: retried with backoff, bounded by the outbox's attempts.
      return { kind: 'transient', maybeDelivered: false, error };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status >= 500) return { kind: 'transient', maybeDelivered: true, error: `http_${status}` };
      return { kind: 'permanent', gone: status === 404 || status === 410, error: `http_${status}` };
    }
    case 'slack_webapi_request_error':
      // The connection failed or timed out: Slack may have taken the message before it did.
      return {
        kind: 'transient',
        maybeDelivered: true,
        error: describe(`request_error: ${String(e.message ?? '')}`),
      };
    default:
      return { kind: 'transient', maybeDelivered: true, error: describe(String(e.message ?? err)) };
  }
}
