// The bot: what Koers does with each Teams activity. Messages (typed words and Action.Submit from
// cards) and Action.Execute invokes go to the channel-neutral chat service; installs and
// conversation updates store where the bot can write later.
import {
  type Activity,
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { ChatResponse, ChatService } from '../../application/chat-service.js';
import type { ActionPayload, View } from '../../conversation/index.js';
import { textsOf } from '../../domain/texts/catalogue.js';
import { type CaseCards, hasForm } from './case-cards.js';
import type { RefStore } from './conversation-refs.js';
import { type ParsedActivity, parseInvoke, parseMessage } from './parse-teams-activity.js';
import { ADAPTIVE_CARD } from './render-adaptive-card.js';

export interface TeamsBotDeps {
  chat: ChatService;
  refs: RefStore;
  cards: CaseCards;
  logger: Logger;
  kickOutbox: () => void;
  /** The local demo: its client (the Agents Playground) says en-US for everyone. */
  demo: boolean;
}

function caseIdOf(action: ActionPayload | null): string | null {
  return action && 'caseId' in action ? action.caseId : null;
}

function wordsFor(activity: Partial<Activity>, demo: boolean) {
  return textsOf(!demo && activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl').channel.teams;
}

export class KoersTeamsBot extends ActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (ctx, next) => {
      await this.message(ctx);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await deps.refs.remember(ctx.activity);
      await next();
    });
    this.onInstallationUpdateRemove(async (ctx, next) => {
      await deps.refs.forget(ctx.activity);
      await next();
    });
    this.onConversationUpdate(async (ctx, next) => {
      if ((ctx.activity.membersAdded?.length ?? 0) > 0) await deps.refs.remember(ctx.activity);
      await next();
    });
  }

  private log(activity: Partial<Activity>, caseId: string | null): Logger {
    return this.deps.logger.child({ channel: 'teams', eventId: activity.id ?? null, caseId });
  }

  private async message(ctx: TurnContext): Promise<void> {
    const activity = ctx.activity;
    const result = parseMessage(activity, { ignoreLocale: this.deps.demo });
    if (!result.ok) {
      this.log(activity, null).debug({ reason: result.reason }, 'teams message ignored');
      return;
    }
    const p = result.parsed;
    // A child logger only when there is something to log: most turns log nothing.
    const log = () => this.log(activity, p.request.kind === 'action' ? caseIdOf(p.request.action) : null);
    await this.deps.refs.rememberFirst(activity);
    let response: ChatResponse;
    try {
      response = await this.deps.chat.handle(
        p.identity,
        p.request,
        p.dedupeKey ? { dedupeKey: p.dedupeKey } : {},
      );
    } catch (err) {
      log().error({ err }, 'teams message failed');
      await ctx.sendActivity({
        type: 'message',
        text: wordsFor(activity, this.deps.demo).failed,
        textFormat: 'plain',
      });
      return;
    }
    if (response.duplicate) {
      log().info({}, 'teams activity seen before: dropped');
      return;
    }
    await this.reply(ctx, p, response);
    if (!p.readOnly) this.deps.kickOutbox();
  }

  /**
   * A card's submit changes that card in place when the answer is its new state (a form with its
   * validation messages, the verdict for the check form, the case after a click); everything
   * else is a new message.
   */
  private async reply(ctx: TurnContext, p: ParsedActivity, response: ChatResponse): Promise<void> {
    const action = p.request.kind === 'action' ? p.request.action : null;
    const formSubmit = action?.type === 'submit_check_form';
    const sends = [...response.views];
    let inPlace: View | undefined = response.replace;
    if (response.form) {
      if (formSubmit && p.cardActivityId) inPlace = response.form;
      else sends.push(response.form);
    } else if (formSubmit && p.cardActivityId && !inPlace) {
      inPlace = sends.shift();
    }
    const locale = hasForm([...sends, inPlace])
      ? await this.deps.cards.localeFor(response.personId, p.identity)
      : undefined;
    const options = locale ? { locale } : {};
    if (inPlace && p.cardActivityId) {
      const next = await this.deps.cards.message(inPlace, options);
      try {
        await ctx.updateActivity({ ...next, id: p.cardActivityId });
      } catch (err) {
        this.log(ctx.activity, caseIdOf(action)).info({ err }, 'teams card not updated in place: sent anew');
        await ctx.sendActivity(next);
      }
    } else if (inPlace) {
      sends.unshift(inPlace);
    }
    for (const view of sends) await ctx.sendActivity(await this.deps.cards.message(view, options));
  }

  /**
   * Action.Execute. Answered with the card as it should now look for this person, always with
   * status 200: a click by someone who may not decide gets the current state of the case with the
   * reason above it, never an error; a repeated click gets the current state.
   */
  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const activity = ctx.activity;
    const request = parseInvoke(activity, value.action?.verb ?? '', value.action?.data, {
      ignoreLocale: this.deps.demo,
    });
    if (!request) return textResponse(wordsFor(activity, this.deps.demo).notOurs);
    await this.deps.refs.rememberFirst(activity);
    if (request.kind === 'refresh') {
      const shown = await this.deps.chat.handle(request.identity, { kind: 'action', action: request.action });
      return this.cardResponse(shown.replace ?? shown.views[0], { caseId: caseIdOf(request.action) });
    }
    const p = request.parsed;
    const action = p.request.kind === 'action' ? p.request.action : null;
    const caseId = caseIdOf(action);
    const log = this.log(activity, caseId);
    let response = await this.deps.chat.handle(
      p.identity,
      p.request,
      p.dedupeKey ? { dedupeKey: p.dedupeKey } : {},
    );
    if (response.duplicate) {
      log.info({}, 'teams card action seen before: answered with the current card');
      if (!caseId) return textResponse(wordsFor(activity, this.deps.demo).notOurs);
      response = await this.deps.chat.handle(p.identity, {
        kind: 'action',
        action: { type: 'show_case', caseId },
      });
    } else {
      this.deps.kickOutbox();
    }
    const shown = response.form ?? response.replace ?? response.views.at(-1);
    const said = response.form || response.replace ? response.views[0] : undefined;
    const notice = said ? { text: said.fallbackText, tone: 'accent' as const } : null;
    if (response.form) {
      const locale = await this.deps.cards.localeFor(response.personId, p.identity);
      return this.cardResponse(shown, { caseId: null, notice, locale });
    }
    return this.cardResponse(shown, { caseId, notice });
  }

  private async cardResponse(
    view: View | undefined,
    o: { caseId: string | null; notice?: { text: string; tone: 'accent' } | null; locale?: 'nl' | 'en' },
  ): Promise<AdaptiveCardInvokeResponse> {
    if (!view) return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: {} };
    const message = await this.deps.cards.message(view, {
      mode: 'execute',
      caseId: o.caseId,
      notice: o.notice ?? null,
      ...(o.locale ? { locale: o.locale } : {}),
    });
    const card = message.attachments?.[0]?.content as Record<string, unknown> | undefined;
    if (card) return { statusCode: 200, type: ADAPTIVE_CARD, value: card };
    return textResponse(message.text ?? view.fallbackText);
  }
}

/** Teams shows a message invoke response as a short notice (its `value` is the text). */
function textResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text as unknown as Record<string, unknown>,
  };
}
