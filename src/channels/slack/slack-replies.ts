// Answers to what a person just did, sent straight away (not through the outbox: they belong to
// the request, and a person who misses one simply asks again). A 429 is waited out once when
// Slack's Retry-After is short; every other failure is logged, never retried in a loop.
import type { RespondFn } from '@slack/bolt';
import type { Logger } from 'pino';
import type { FormBlock, View } from '../../conversation/index.js';
import { type ModalMetadata, renderHome, renderMessage, renderModal } from './render-block-kit.js';
import { classifySlackError } from './slack-errors.js';
import type { SlackWeb } from './slack-web.js';

/** Longest Retry-After an answer waits for; beyond it the answer is dropped (and logged). */
const MAX_REPLY_WAIT_MS = 5000;
/** Slack lets a response_url be used five times. */
const MAX_RESPONSES = 5;

export interface SlackReplies {
  /** Posts each view as a message in the channel (a DM, usually). */
  post(channel: string, views: ReadonlyArray<View>, log: Logger): Promise<void>;
  /** Shows each view to one person in a channel, only to them. */
  ephemeral(
    channel: string,
    user: string,
    views: ReadonlyArray<View>,
    log: Logger,
    threadTs?: string,
  ): Promise<void>;
  /** Answers a slash command or a click through its response_url (ephemeral). */
  respond(respond: RespondFn, views: ReadonlyArray<View>, log: Logger): Promise<void>;
  update(channel: string, ts: string, view: View, log: Logger): Promise<void>;
  openModal(
    triggerId: string,
    form: View,
    where: Omit<ModalMetadata, 'action'>,
    log: Logger,
  ): Promise<boolean>;
  publishHome(user: string, views: ReadonlyArray<View>, log: Logger): Promise<void>;
}

export function createSlackReplies(web: SlackWeb): SlackReplies {
  async function call(what: string, log: Logger, fn: () => Promise<unknown>): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fn();
        return true;
      } catch (err) {
        const failure = classifySlackError(err);
        if (attempt === 0 && failure.kind === 'rate_limited' && failure.retryAfterMs <= MAX_REPLY_WAIT_MS) {
          await new Promise((r) => setTimeout(r, failure.retryAfterMs));
          continue;
        }
        log.warn({ call: what, error: failure.error }, 'slack answer could not be sent');
        return false;
      }
    }
    return false;
  }

  return {
    async post(channel, views, log) {
      for (const view of views) {
        const { blocks, text } = renderMessage(view);
        await call('chat.postMessage', log, () =>
          web.client.chat.postMessage({ channel, blocks, text, unfurl_links: false, unfurl_media: false }),
        );
      }
    },
    async ephemeral(channel, user, views, log, threadTs) {
      for (const view of views) {
        const { blocks, text } = renderMessage(view);
        await call('chat.postEphemeral', log, () =>
          web.client.chat.postEphemeral({
            channel,
            user,
            blocks,
            text,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          }),
        );
      }
    },
    async respond(respond, views, log) {
      for (const view of views.slice(0, MAX_RESPONSES)) {
        const { blocks, text } = renderMessage(view);
        await call('response_url', log, () =>
          respond({ response_type: 'ephemeral', replace_original: false, blocks, text }),
        );
      }
    },
    async update(channel, ts, view, log) {
      const { blocks, text } = renderMessage(view);
      await call('chat.update', log, () => web.client.chat.update({ channel, ts, blocks, text }));
    },
    async openModal(triggerId, form, where, log) {
      const block = form.blocks.find((b): b is FormBlock => b.type === 'form');
      if (!block) return false;
      const view = renderModal(form, { action: block.submit.action, ...where });
      return call('views.open', log, () => web.client.views.open({ trigger_id: triggerId, view }));
    },
    async publishHome(user, views, log) {
      const view = renderHome(views);
      await call('views.publish', log, () => web.client.views.publish({ user_id: user, view }));
    },
  };
}
