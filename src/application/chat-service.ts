// The channel-neutral heart of the chat: Slack and Teams parse their payloads into a ChatRequest
// from a ChatIdentity, call `handle`, and render the views that come back. Everything a person can
// do in chat goes through here: the guided check, the words (status, who, portfolio, help), the
// decision buttons and the requester's actions, each re-checked by the workflow. This file routes
// each turn to its command's handler (src/application/commands/) and adds what every turn shares: the
// dedupe key, the conversation's state, the person's language, the first-time welcome.

import {
  type ActionPayload,
  parseCommand,
  readCheckDialogState,
  replyLocaleUnder,
  type View,
  welcomeView,
  withWelcome,
} from '../conversation/index.js';
import { savePersonLastPlatform, savePersonTimeZone } from '../store/chat-person-repo.js';
import { inCommitScope } from '../store/commit-scope.js';
import { isStoreBusy, isStoreUnreachable } from '../store/open-database.js';
import { type ChatIdentity, resolvePerson } from './chat-identity.js';
import type { ChatDeps, ChatRequest, ChatResponse, Session } from './chat-session.js';
import { chatText } from './chat-texts.js';
import { invalidCaseId, showCase, viewOfCaseFor } from './commands/case-views.js';
import { checkAnswer, checkChoice, checkForm, checkStart, checkWord } from './commands/check.js';
import { decide, decideWithText } from './commands/decide.js';
import { demoAs } from './commands/demo.js';
import { help, smallTalk, unknownWord } from './commands/help.js';
import { portfolio, portfolioViewFor } from './commands/portfolio.js';
import { answer, answerInfoAction, requestException, withdraw } from './commands/requester.js';
import { review } from './commands/review.js';
import { status } from './commands/status.js';
import { who } from './commands/who.js';
import { conversationKey, loadConversation, withConversationTurn } from './conversation-store.js';
import { markNothingRecorded, nothingRecorded, runClaimed } from './event-claims.js';
import { welcomeClaims } from './welcome-claims.js';

export type { ChatDeps, ChatRequest, ChatResponse } from './chat-session.js';

export function createChatService(deps: ChatDeps) {
  const claimWelcome = welcomeClaims(deps.db);
  async function handle(
    identity: ChatIdentity,
    request: ChatRequest,
    options: { dedupeKey?: string } = {},
  ): Promise<ChatResponse> {
    // Once per dedupe key (a turn that fails before changing anything gives the key back); a turn
    // that lost a race for the conversation's state runs again on the fresh state.
    const run = () => withConversationTurn(() => turn(identity, request, options));
    try {
      if (!options.dedupeKey)
        return await inCommitScope(async (scope) => {
          try {
            return await run();
          } catch (err) {
            if (!scope.committed) markNothingRecorded(err);
            throw err;
          }
        });
      const claimed = await runClaimed(deps.db, options.dedupeKey, deps.clock(), run);
      return claimed.duplicate ? { views: [], duplicate: true } : claimed.value;
    } catch (err) {
      // Another process holds the store (SQLite): say so now rather than keep the platform waiting.
      if (isStoreBusy(err)) {
        deps.logger.warn(
          { err: (err as Error).message },
          'store locked by another process; nothing recorded',
        );
        return { views: [chatText(deps.strategy().locale, 'storeBusy')] };
      }
      // The database cannot be reached (PostgreSQL): the person is told, when nothing was recorded.
      if (isStoreUnreachable(err) && nothingRecorded(err)) {
        deps.logger.warn({ err: (err as Error).message }, 'store unreachable; nothing recorded');
        return { views: [chatText(deps.strategy().locale, 'storeBusy')] };
      }
      throw err;
    }
  }
  async function turn(
    identity: ChatIdentity,
    request: ChatRequest,
    options: { dedupeKey?: string },
  ): Promise<ChatResponse> {
    const strategy = deps.strategy();
    const resolved = await resolvePerson(deps.db, strategy, identity, deps.demo);
    const convKey = conversationKey(identity.platform, identity.userId);
    // The words that never continue a dialog (status, who, portfolio, demo as) need no stored state.
    const state =
      request.kind === 'text' && isTopLevel(request.text) ? null : await loadConversation(deps.db, convKey);
    // The reply's language: a message clearly in the other language switches it, and a dialog
    // keeps the language it speaks; otherwise the person's own.
    const dialogLocale = state?.kind === 'check' ? readCheckDialogState(state.dialog)?.locale : undefined;
    const current = dialogLocale ?? resolved.locale;
    const locale = request.kind === 'text' ? replyLocaleUnder(strategy, request.text, current) : current;
    const person = locale === resolved.locale ? resolved : { ...resolved, locale };
    const s: Session = {
      deps,
      strategy,
      person,
      identity,
      convKey,
      state,
      idempotencyKey: options.dedupeKey,
      claimWelcome,
    };
    const response =
      request.kind === 'text'
        ? await onText(s, request.text)
        : await onAction(s, request.action, request.values ?? {});
    // The first message ever from this chat user gets a short welcome first (never on install:
    // an organisation that installs Koers for everyone must not message everyone).
    if (resolved.newTimeZone) await savePersonTimeZone(deps.db, resolved.id, resolved.newTimeZone);
    // Where the person wrote last is a preference for later notices, not part of this answer: it
    // never holds the answer up (a store locked by another process would delay it by the wait).
    if (resolved.newLastPlatform)
      void savePersonLastPlatform(deps.db, resolved.id, resolved.newLastPlatform).catch((err: unknown) =>
        deps.logger.debug({ err: (err as Error).message }, 'last platform not stored'),
      );
    if (request.kind === 'text' && !response.welcomed && (await claimWelcome(identity, deps.clock()))) {
      const wc = { locale: s.person.locale, strategy: s.strategy };
      const [first, ...rest] = response.views;
      // Into the same message, unless the answer is a view of its own kind (a status, a digest).
      response.views =
        first && MERGES_WELCOME.has(first.kind)
          ? [withWelcome(wc, first), ...rest]
          : [welcomeView(wc), ...response.views];
    }
    const { welcomed: _w, ...out } = response;
    return { ...out, personId: person.id };
  }
  /**
   * What a person's home surface shows (the Slack App Home tab): their status, the first
   * `decisions` cases waiting for them in full (with their buttons), and the portfolio; on a
   * first visit the welcome. No dialog state is read or written.
   */
  async function home(identity: ChatIdentity, o: { decisions: number }): Promise<View[]> {
    const strategy = deps.strategy();
    const person = await resolvePerson(deps.db, strategy, identity, deps.demo);
    const s: Session = {
      deps,
      strategy,
      person,
      identity,
      convKey: conversationKey(identity.platform, identity.userId),
      state: null,
      idempotencyKey: undefined,
      claimWelcome,
    };
    const [overview, waiting] = await Promise.all([status(s), deps.workflow.casesWaitingFor(person.id)]);
    const decisions: View[] = [];
    for (const c of waiting.slice(0, o.decisions)) decisions.push(await viewOfCaseFor(s, c));
    const portfolioCard = await portfolioViewFor(deps, person.locale);
    // A first visit is a first contact: the short welcome goes in front of the status.
    const [first, ...rest] = overview.views;
    const welcomed =
      first && (await claimWelcome(identity, deps.clock()))
        ? [withWelcome({ locale: person.locale, strategy }, first), ...rest]
        : overview.views;
    return [...welcomed, ...decisions, portfolioCard];
  }
  return { handle, home };
}

export type ChatService = ReturnType<typeof createChatService>;

/** Answers a first-time welcome goes in front of, in the same message. */
const MERGES_WELCOME: ReadonlySet<View['kind']> = new Set([
  'question',
  'confirm',
  'who',
  'help',
  'notice',
  'verdict',
  'status',
]);

const TOP_LEVEL = new Set(['status', 'who', 'portfolio', 'demo_as']);

function isTopLevel(text: string): boolean {
  return TOP_LEVEL.has(parseCommand(text.trim()).command.kind);
}

/** A message: the answer a conversation waits for, unless it is a word of its own. */
async function onText(s: Session, raw: string): Promise<ChatResponse> {
  const text = raw.trim();
  const { command } = parseCommand(text);
  const topLevel = TOP_LEVEL.has(command.kind);
  if (s.state?.kind === 'check' && !topLevel && command.kind !== 'check')
    return checkAnswer(s, s.state.dialog, text);
  if (s.state?.kind === 'answer_info' && !topLevel && command.kind !== 'check' && command.kind !== 'help')
    return answer(s, s.state.caseId, text);
  if (s.state?.kind === 'decision_text' && !topLevel && command.kind !== 'check' && command.kind !== 'help')
    return decideWithText(s, s.state, text);
  switch (command.kind) {
    case 'check':
      return checkWord(s, command);
    case 'small_talk':
      return smallTalk(s, command.talk);
    case 'status':
      return status(s);
    case 'who':
      return who(s, command.partner, command.cut === true);
    case 'portfolio':
      return portfolio(s);
    case 'help':
      return help(s);
    case 'demo_as':
      return demoAs(s, command.name);
    default:
      return unknownWord(s);
  }
}

/** A button or a form. */
async function onAction(
  s: Session,
  action: ActionPayload,
  values: Record<string, unknown>,
): Promise<ChatResponse> {
  switch (action.type) {
    case 'dialog':
      return checkChoice(s, action);
    case 'start_check':
      return checkStart(s, action);
    case 'submit_check_form':
      return checkForm(s, values);
    case 'decide':
      return decide(s, action, undefined, values);
    case 'request_exception':
      return requestException(s, action);
    case 'withdraw':
      return withdraw(s, action);
    case 'answer_info':
      return answerInfoAction(s, action, values);
    case 'submit_review':
      return review(s, action, values);
    case 'who':
      return who(s, action.partner);
    case 'invalid_case_id':
      return invalidCaseId(s, action);
    case 'show_case':
      return showCase(s, action);
  }
}
