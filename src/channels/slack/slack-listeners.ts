// What Koers does with each kind of Slack request. Every handler acknowledges within Slack's 3 s
// (Slack resends or shows an error otherwise), passes the person's turn to the channel-neutral
// chat service with the request's dedupe key, and renders what comes back:
// - `/koers check` opens the check as a modal, `/koers check <a sentence>` starts it in the DM;
//   the other words are answered in the ack itself, only to the person (ephemeral), or through
//   the response_url when the answer takes longer than 2 s; a modal submit also answers in its
//   ack (field errors), and closes the modal with the outcome in the DM when the store is slow;
// - a direct message is a turn of the conversation in that DM;
// - an @Koers in a channel moves the check to the person's DM (an ephemeral note in the thread
//   says so): the check asks for budgets and the approvals that follow are personal, and the
//   app reads no channel messages (no channels:history), so a thread could not be followed anyway;
// - button clicks and modal submits: the clicked message is updated in place (only in the
//   clicker's own DM: a per-person view must never replace a message others see), answers go to
//   the DM, forms open as modals, and the Home tab is redrawn after a click there;
// - the Home tab: my cases, what waits for me (with the decision buttons), the portfolio.
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChannelDeps } from '../../application/channel-port.js';
import type { ChatIdentity } from '../../application/chat-identity.js';
import type { ChatResponse } from '../../application/chat-service.js';
import type { ActionPayload, View } from '../../conversation/index.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import {
  parseBlockActions,
  parseDirectMessage,
  parseMention,
  parseSlashCommand,
  parseViewSubmission,
  type SlackTurn,
} from './parse-slack-payload.js';
import { formErrors, MODAL_CALLBACK_ID, renderMessage, renderModal } from './render-block-kit.js';
import type { SlackReplies } from './slack-replies.js';
import type { SlackWeb } from './slack-web.js';

/** A modal submit waits this long for the answer before the modal is closed and the answer sent to the DM. */
const VIEW_SUBMIT_BUDGET_MS = 2500;
const ANY_ACTION = /.*/;
/** A slash command's answer is put in the ack when it is ready within this (Slack waits 3 s). */
const SLASH_INLINE_BUDGET_MS = 2000;
/** Decisions shown in full (with their buttons) on the Home tab. */
const HOME_DECISIONS = 3;

export interface ListenerDeps {
  deps: ChannelDeps;
  web: SlackWeb;
  replies: SlackReplies;
  logger: Logger;
}

export function registerListeners(app: App, l: ListenerDeps): void {
  const { deps, web, replies } = l;

  /** The person's turn through the chat service; the outbox is kicked for what it enqueued. */
  async function run(turn: SlackTurn, log: Logger): Promise<ChatResponse> {
    const identity = await withSlackProfile(turn.identity);
    const response = await deps.chat.handle(
      identity,
      turn.request,
      turn.readOnly ? {} : { dedupeKey: turn.dedupeKey },
    );
    if (response.duplicate) log.info({}, 'slack request seen before; nothing done');
    // What the turn enqueued (approval requests, updates, summaries) goes out now, not at the next tick.
    else if (!turn.readOnly) deps.kickOutbox();
    log.debug({ duplicate: response.duplicate === true }, 'slack turn done');
    return response;
  }

  async function withSlackProfile(identity: ChatIdentity): Promise<ChatIdentity> {
    const info = await web.userInfo(identity.userId);
    return {
      ...identity,
      ...(info.locale ? { platformLocale: info.locale } : {}),
      ...(info.tz ? { timeZone: info.tz } : {}),
      ...(info.name && !identity.displayName ? { displayName: info.name } : {}),
    };
  }

  const child = (eventId: string, caseId?: string) =>
    l.logger.child({ eventId, ...(caseId ? { caseId } : {}) });

  app.command('/koers', async ({ ack, body, respond }) => {
    const parsed = parseSlashCommand(body);
    if (!parsed) {
      await ack();
      return;
    }
    const log = child(parsed.turn.dedupeKey);
    if (parsed.kind === 'answer') {
      // The answer goes in the ack itself when it is ready in time (no extra call, and Slack's wait
      // for the ack keeps a busy Koers from taking more than it can answer); a slow store gets the
      // ack at once and the answer through the response_url when it comes.
      const pending = run(parsed.turn, log);
      const r = await within(pending, SLASH_INLINE_BUDGET_MS).catch(async (err: unknown) => {
        await ack(); // a fault is logged by Bolt's error handler; Slack is not left waiting
        throw err;
      });
      if (r) {
        const [first, ...rest] = r.duplicate ? [] : withForm(r);
        await ack(first ? ephemeral(first) : undefined);
        if (rest.length > 0) await replies.respond(respond, rest, log);
        return;
      }
      await ack();
      const late = await pending;
      if (!late.duplicate) await replies.respond(respond, withForm(late), log);
      return;
    }
    await ack();
    const r = await run(parsed.turn, log);
    if (r.duplicate) return;
    if (parsed.kind === 'modal' && r.form) {
      await replies.openModal(parsed.triggerId, r.form, {}, log);
      if (r.views.length > 0) await replies.respond(respond, r.views, log);
      return;
    }
    await toDm(parsed.turn.identity, r, log);
    const locale = await deps.people.localeOfUser(await withSlackProfile(parsed.turn.identity));
    await replies.respond(respond, [note(textsOf(locale).channel.slack.continuedInDm)], log);
  });

  app.event('message', async ({ event, body }) => {
    const dm = parseDirectMessage(event, body.event_id);
    if (!dm) {
      l.logger.debug({ eventId: body.event_id }, 'slack message ignored: not a person’s direct message');
      return;
    }
    const log = child(body.event_id);
    const r = await run(dm.turn, log);
    if (r.duplicate) return;
    await replies.post(dm.channel, withForm(r), log);
  });

  app.event('app_mention', async ({ event, body }) => {
    const mention = parseMention(event, body.event_id);
    if (!mention) return;
    const log = child(body.event_id);
    const r = await run(mention.turn, log);
    if (r.duplicate) return;
    const user = mention.turn.identity.userId;
    if (mention.startsCheck) {
      await toDm(mention.turn.identity, r, log);
      const locale = await deps.people.localeOfUser(await withSlackProfile(mention.turn.identity));
      await replies.ephemeral(
        mention.channel,
        user,
        [note(textsOf(locale).channel.slack.continuedInDm)],
        log,
        mention.threadTs,
      );
      return;
    }
    await replies.ephemeral(mention.channel, user, withForm(r), log, mention.threadTs);
  });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome(event.user, child(body.event_id));
  });

  // Every click is acknowledged, Koers's or not (Slack shows an error after 3 s without an ack);
  // only a Koers button's value parses into an action.
  app.action(ANY_ACTION, async ({ ack, body }) => {
    await ack();
    const click = parseBlockActions(body);
    if (!click) {
      l.logger.debug({}, 'slack click ignored: not a Koers action');
      return;
    }
    const log = child(click.turn.dedupeKey, click.caseId);
    const r = await run(click.turn, log);
    if (r.duplicate) return;
    const where = click.where;
    // The clicker's own DM with the bot (a D… channel has only the two of them).
    const ownDm =
      where.kind === 'message' && !where.ephemeral && where.channel.startsWith('D') ? where : null;
    if (r.replace && ownDm) await replies.update(ownDm.channel, ownDm.ts, r.replace, log);
    if (r.form) {
      const opened = click.triggerId
        ? await replies.openModal(
            click.triggerId,
            r.form,
            ownDm ? { channel: ownDm.channel, ts: ownDm.ts } : {},
            log,
          )
        : false;
      if (!opened) await toDm(click.turn.identity, { views: [r.form] }, log, ownDm?.channel);
    }
    if (r.views.length > 0) await toDm(click.turn.identity, { views: r.views }, log, ownDm?.channel);
    if (where.kind === 'home') await publishHome(click.turn.identity.userId, log);
  });

  app.view(MODAL_CALLBACK_ID, async ({ ack, body }) => {
    const submit = parseViewSubmission(body);
    if (!submit) {
      await ack();
      return;
    }
    const log = child(submit.turn.dedupeKey, submit.caseId);
    const pending = run(submit.turn, log);
    const early = await within(pending, VIEW_SUBMIT_BUDGET_MS).catch(async (err: unknown) => {
      await ack();
      throw err;
    });
    if (early === null) {
      // Slow store: close the modal within Slack's 3 s and send the outcome to the DM when it comes.
      await ack();
      const r = await pending;
      if (r.duplicate) return;
      const locale = await deps.people.localeOfUser(await withSlackProfile(submit.turn.identity));
      await toDm(
        submit.turn.identity,
        { views: [note(textsOf(locale).channel.slack.stillWorking), ...withForm(r)] },
        log,
      );
      return;
    }
    const r = early;
    if (r.duplicate) {
      await ack();
      return;
    }
    if (r.form) {
      const errors = formErrors(r.form);
      if (Object.keys(errors).length > 0) await ack({ response_action: 'errors', errors });
      else {
        const action = submitOf(r.form) ?? submit.metadata.action;
        await ack({ response_action: 'update', view: renderModal(r.form, { ...submit.metadata, action }) });
      }
      return;
    }
    await ack();
    const m = submit.metadata;
    if (r.replace && m.channel?.startsWith('D') && m.ts)
      await replies.update(m.channel, m.ts, r.replace, log);
    await toDm(
      submit.turn.identity,
      { views: r.views },
      log,
      m.channel?.startsWith('D') ? m.channel : undefined,
    );
  });

  /** The person's DM: the channel they acted in when it is one, else the one conversations.open gives. */
  async function toDm(
    identity: ChatIdentity,
    r: Pick<ChatResponse, 'views' | 'form'>,
    log: Logger,
    known?: string,
  ): Promise<void> {
    const views = withForm(r);
    if (views.length === 0) return;
    let channel = known;
    try {
      channel ??= await web.dmChannel(identity.userId);
    } catch (err) {
      log.warn(
        { error: (err as { data?: { error?: string } }).data?.error ?? (err as Error).message },
        'could not open a DM with the person',
      );
      return;
    }
    await replies.post(channel, views, log);
  }

  async function publishHome(userId: string, log: Logger): Promise<void> {
    const identity = await withSlackProfile({ platform: 'slack', userId });
    const views = await deps.chat.home(identity, { decisions: HOME_DECISIONS });
    await replies.publishHome(userId, views, log);
  }
}

/** The promise's value, or null when it takes longer than `ms` (it keeps running). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A view as the body of an ack: shown only to the person who typed the command. */
function ephemeral(view: View): Record<string, unknown> {
  const { blocks, text } = renderMessage(view);
  return { response_type: 'ephemeral', blocks, text };
}

/** Views, with a form that could not be shown as a modal appended as a message. */
function withForm(r: Pick<ChatResponse, 'views' | 'form'>): View[] {
  return r.form ? [...r.views, r.form] : r.views;
}

function note(text: string): View {
  return { kind: 'notice', blocks: [{ type: 'text', text }], fallbackText: text };
}

function submitOf(form: View): ActionPayload | null {
  for (const b of form.blocks) if (b.type === 'form') return b.submit.action;
  return null;
}
