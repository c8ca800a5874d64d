// The channel-neutral heart of the chat: Slack and Teams parse their payloads into a ChatRequest
// from a ChatIdentity, call `handle`, and render the views that come back. Everything a person can
// do in chat goes through here: the guided check, the words (status, who, portfolio, help), the
// decision buttons and the requester's actions, each re-checked by the workflow.

import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import {
  type ActionPayload,
  answerInfoFormView,
  type CheckContext,
  caseView,
  checkFormView,
  continueCheck,
  decisionFormView,
  helpView,
  holderOf,
  noticeView,
  parseCommand,
  partnerNamesToLookUp,
  partnerNamesToLookUpAtStart,
  partnerToLookUp,
  partnerToLookUpAtStart,
  type RelationshipLine,
  readCheckDialogState,
  readFormText,
  replyLocaleUnder,
  smallTalkView,
  startCheck,
  statusView,
  type Turn,
  textsFor,
  unknownCommandView,
  type View,
  verdictView,
  viewContextOf,
  welcomeView,
  whoWorksWithView,
  withWelcome,
} from '../conversation/index.js';
import { partnerKey as partnerKeyOf } from '../domain/portfolio/partner-key.js';
import { roleName, type Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import type { Refusal } from '../domain/workflow/authorize-decision.js';
import { reviewSubjectFor, submitReview } from '../jobs/reviews.js';
import { reviewRequestView } from '../jobs/views/review-request-view.js';
import { inCommitScope } from '../store/commit-scope.js';
import { isStoreBusy, isStoreUnreachable } from '../store/open-database.js';
import type { Database } from '../store/schema.js';
import type { CaseRecord } from '../workflow/case-record.js';
import { caseWaitsFor } from '../workflow/read-cases.js';
import type { Workflow } from '../workflow/workflow.js';
import { caseRouteOf } from './case-route-of.js';
import { caseSummariesOf, caseSummaryOf } from './case-summary-of.js';
import {
  type ChatIdentity,
  type ChatPerson,
  demoKey,
  resolvePerson,
  savePersonLastPlatform,
  savePersonTimeZone,
} from './chat-identity.js';
import { chatText } from './chat-texts.js';
import {
  type ConversationState,
  conversationKey,
  loadConversation,
  saveConversation,
  withConversationTurn,
} from './conversation-store.js';
import { markNothingRecorded, nothingRecorded, runClaimed } from './event-claims.js';
import { caseViewForReader } from './reader-case-view.js';
import { knownPartnerKeys, relationshipLines } from './relationship-lines.js';
import { type WelcomeClaims, welcomeClaims } from './welcome-claims.js';

export type ChatRequest =
  | { kind: 'text'; text: string }
  | { kind: 'action'; action: ActionPayload; values?: Record<string, unknown> };

export interface ChatResponse {
  /** Messages for the person, in order. */
  views: View[];
  /** A new state of the card or message that was clicked (a decided or refreshed case). */
  replace?: View;
  /** A form to show as a dialog where the channel has one (a Slack modal); else as a message. */
  form?: View;
  /** The request was seen before (a retry, a re-sent activity, a double click): nothing was done. */
  duplicate?: boolean;
  /** Who the person was taken to be (for logs). */
  personId?: string;
  /** The answer is itself a welcome (a greeting answered): no second one. */
  welcomed?: boolean;
}

export interface ChatDeps {
  db: Kysely<Database>;
  workflow: Workflow;
  strategy: () => Strategy;
  clock: () => Date;
  logger: Logger;
  /** The local demo: `demo as NAME` is allowed. */
  demo: boolean;
  /** The portfolio summary for the `portfolio` word (from the digest), when available. */
  portfolioView?: (locale: Locale) => Promise<View>;
  onCheck?: (verdict: string) => void;
  onDecision?: (outcome: { ok: boolean; action?: string; refusal?: string }) => void;
}

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
    const portfolio = deps.portfolioView
      ? await deps.portfolioView(person.locale)
      : helpView(person.locale, { demo: deps.demo });
    // A first visit is a first contact: the short welcome goes in front of the status.
    const [first, ...rest] = overview.views;
    const welcomed =
      first && (await claimWelcome(identity, deps.clock()))
        ? [withWelcome({ locale: person.locale, strategy }, first), ...rest]
        : overview.views;
    return [...welcomed, ...decisions, portfolio];
  }
  return { handle, home };
}

export type ChatService = ReturnType<typeof createChatService>;

interface Session {
  deps: ChatDeps;
  strategy: Strategy;
  person: ChatPerson;
  identity: ChatIdentity;
  convKey: string;
  state: ConversationState | null;
  idempotencyKey: string | undefined;
  claimWelcome: WelcomeClaims;
}

const actorOf = (s: Session) => ({ personId: s.person.id, platform: s.identity.platform });
const vcOf = (s: Session) => viewContextOf(s.strategy, s.person.locale, s.deps.clock(), s.person.timeZone);
const save = (s: Session, state: ConversationState | null) =>
  saveConversation(s.deps.db, s.convKey, state, s.deps.clock().toISOString());

/**
 * The dialog's context for one turn. The dialog is pure, so what it may ask of the register is
 * fetched first: which of the names it may read (`candidates`) the register knows, and the
 * relationships with the one it will take (`partner`, or computed from what is known).
 */
async function checkContext(
  s: Session,
  partner: string | null | ((known: (name: string) => boolean) => string | null),
  candidates: ReadonlyArray<string> = [],
): Promise<CheckContext> {
  const knownKeys = candidates.length > 0 ? await knownPartnerKeys(s.deps.db, candidates) : new Set<string>();
  const knownPartner = (name: string) => knownKeys.has(partnerKeyOf(name));
  const name = typeof partner === 'function' ? partner(knownPartner) : partner;
  const lines = name ? await relationshipLines(s.deps.db, s.strategy, name, s.person.locale) : [];
  return {
    strategy: s.strategy,
    locale: s.person.locale,
    person: { id: s.person.id, name: s.person.name, role: s.person.role, known: s.person.known },
    existingWith: (n) => (name !== null && n === name ? lines : ([] as RelationshipLine[])),
    knownPartner,
    now: s.deps.clock(),
  };
}

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

async function onText(s: Session, raw: string): Promise<ChatResponse> {
  const text = raw.trim();
  const { command } = parseCommand(text);
  const topLevel = TOP_LEVEL.has(command.kind);
  if (s.state?.kind === 'check' && !topLevel && command.kind !== 'check') {
    const input = { kind: 'text' as const, text };
    const ctx = await checkContext(
      s,
      partnerToLookUp(s.state.dialog, input),
      partnerNamesToLookUp(s.state.dialog, input),
    );
    return runTurn(s, continueCheck(ctx, s.state.dialog, input));
  }
  if (s.state?.kind === 'answer_info' && !topLevel && command.kind !== 'check' && command.kind !== 'help') {
    return answer(s, s.state.caseId, text);
  }
  if (s.state?.kind === 'decision_text' && !topLevel && command.kind !== 'check' && command.kind !== 'help') {
    const st = s.state;
    return decide(
      s,
      {
        caseId: String(st.caseId),
        step: st.step,
        version: st.version,
        decision: st.decision,
        type: 'decide',
      },
      text,
    );
  }
  switch (command.kind) {
    case 'check': {
      if (command.form) return { views: [], form: checkFormView(await checkContext(s, null)) };
      const message = command.text;
      const ctx = await checkContext(
        s,
        (known) => partnerToLookUpAtStart(s.strategy, message, known),
        partnerNamesToLookUpAtStart(s.strategy, message),
      );
      return runTurn(s, startCheck(ctx, message));
    }
    case 'small_talk': {
      const first = command.talk === 'greeting' || command.talk === 'capabilities';
      const welcomed = first && (await s.claimWelcome(s.identity, s.deps.clock()));
      return {
        views: [
          smallTalkView({ locale: s.person.locale, strategy: s.strategy }, command.talk, {
            demo: s.deps.demo,
            welcome: welcomed,
          }),
        ],
        welcomed: true,
      };
    }
    case 'status':
      return status(s);
    case 'who':
      return who(s, command.partner, command.cut === true);
    case 'portfolio':
      return {
        views: [
          s.deps.portfolioView
            ? await s.deps.portfolioView(s.person.locale)
            : helpView(s.person.locale, { demo: s.deps.demo }),
        ],
      };
    case 'help':
      return { views: [helpView(s.person.locale, { demo: s.deps.demo })] };
    case 'demo_as':
      return demoAs(s, command.name);
    default:
      return { views: [unknownCommandView(s.person.locale)] };
  }
}

async function runTurn(s: Session, turn: Turn): Promise<ChatResponse> {
  await save(s, turn.state === null ? null : { kind: 'check', dialog: turn.state });
  const views = [...turn.views];
  for (const effect of turn.effects) {
    if (effect.type !== 'submit') continue;
    const out = await s.deps.workflow.submit(
      actorOf(s),
      effect.proposal,
      s.idempotencyKey ? { idempotencyKey: s.idempotencyKey } : {},
    );
    if (!out.ok) {
      views.push(chatText(s.person.locale, 'notYours'));
      continue;
    }
    s.deps.onCheck?.(out.case.verdict);
    const c = out.case;
    let assignee: { name: string; roleName: string } | undefined;
    const route = c.state === 'open' ? await caseRouteOf(s.deps.db, s.strategy, c, s.person.locale) : null;
    const first = route?.steps[c.step];
    if (first?.holderName) assignee = { name: first.holderName, roleName: first.roleName };
    views.push(
      verdictView(s.strategy, s.person.locale, c.result[s.person.locale] ?? c.result.nl, {
        caseId: String(c.id),
        ...(assignee ? { assignee } : {}),
        ...(route ? { route: route.steps, routeWhy: route.why } : {}),
        partnerName: c.proposal.partner.name,
      }),
    );
  }
  return { views };
}

async function onAction(
  s: Session,
  action: ActionPayload,
  values: Record<string, unknown>,
): Promise<ChatResponse> {
  switch (action.type) {
    case 'dialog': {
      const input = {
        kind: 'choice' as const,
        value: action.value,
        ...(action.step ? { step: action.step } : {}),
      };
      const dialog = s.state?.kind === 'check' ? s.state.dialog : null;
      const ctx = await checkContext(s, partnerToLookUp(dialog, input));
      const turn = continueCheck(ctx, dialog, input);
      const response = await runTurn(s, turn);
      // The clicked question becomes the answer given, without its buttons.
      return turn.answered && !response.replace ? { ...response, replace: turn.answered } : response;
    }
    case 'start_check': {
      const ctx = await checkContext(s, null);
      if (action.form) return { views: [], form: checkFormView(ctx) };
      return runTurn(s, startCheck(ctx));
    }
    case 'submit_check_form': {
      const name = typeof values.partnerName === 'string' ? values.partnerName : null;
      const ctx = await checkContext(s, name);
      const dialog = s.state?.kind === 'check' ? s.state.dialog : null;
      const turn = continueCheck(ctx, dialog, { kind: 'form', values });
      if (turn.effects.length === 0) return { views: [], form: turn.views[0] ?? checkFormView(ctx, values) };
      return runTurn(s, turn);
    }
    case 'decide':
      return decide(s, action, undefined, values);
    case 'request_exception': {
      const id = Number(action.caseId);
      const out = await s.deps.workflow.requestException(actorOf(s), id);
      if (!out.ok) return refused(s, out.refusal, id, out.case);
      const vc = vcOf(s);
      return {
        views: [chatText(s.person.locale, 'exceptionSent', await assigneeName(s, out.case.assigneeId))],
        replace: caseView(vc, await caseSummaryOf(s.deps.db, s.strategy, out.case, s.person.locale)),
      };
    }
    case 'withdraw': {
      const id = Number(action.caseId);
      const out = await s.deps.workflow.withdraw(actorOf(s), id);
      if (!out.ok) return refused(s, out.refusal, id, out.case);
      return {
        views: [chatText(s.person.locale, 'withdrawn')],
        replace: caseView(vcOf(s), await caseSummaryOf(s.deps.db, s.strategy, out.case, s.person.locale)),
      };
    }
    case 'answer_info': {
      const id = Number(action.caseId);
      const text = readFormText(vcOf(s), values, 'answer');
      if (text.ok) return answer(s, id, text.text);
      const c = await s.deps.workflow.getCase(id);
      if (!c || c.requesterId !== s.person.id) return refused(s, c ? 'not_requester' : 'not_found', id);
      await save(s, { kind: 'answer_info', caseId: id });
      return {
        views: [],
        form: answerInfoFormView(vcOf(s), await caseSummaryOf(s.deps.db, s.strategy, c, s.person.locale)),
      };
    }
    case 'submit_review': {
      // A button of the day's review list: the form of that relationship, for its owner.
      if (Object.keys(values).length === 0) {
        const subject = await reviewSubjectFor(
          s.deps.workflow.deps,
          s.person.id,
          Number(action.relationshipId),
        );
        if (subject) return { views: [], form: reviewRequestView(subject, s.person.locale) };
      }
      const out = await submitReview(
        s.deps.workflow.deps,
        actorOf(s),
        Number(action.relationshipId),
        values,
        { dueDate: action.dueDate },
      );
      if (out.ok)
        return {
          views: [
            chatText(
              s.person.locale,
              out.relationship.status === 'ended' ? 'reviewSavedEnded' : 'reviewSaved',
            ),
          ],
        };
      if (out.refusal === 'invalid_answer') {
        const problems = (out.problems ?? []).map((p) => p.message).join(' ');
        return { views: [chatText(s.person.locale, 'reviewInvalid', problems)] };
      }
      return { views: [chatText(s.person.locale, `review_${out.refusal}`)] };
    }
    case 'who':
      return who(s, action.partner);
    case 'invalid_case_id': {
      // Looking at a case records nothing; every other case action is a refused attempt.
      if (action.attempted !== 'show_case') {
        await s.deps.workflow.refuseInvalidCaseId(actorOf(s), action.attempted);
        s.deps.onDecision?.({ ok: false, refusal: 'invalid_case_id' });
      }
      return { views: [chatText(s.person.locale, 'refused_invalid_case_id')] };
    }
    case 'show_case': {
      const c = await s.deps.workflow.getCase(Number(action.caseId));
      // A case id in a crafted action must not show someone else's (confidential) case.
      if (!c || !(await mayView(s, c))) return { views: [chatText(s.person.locale, 'refused_not_found')] };
      return { views: [await viewOfCaseFor(s, c)] };
    }
  }
}

async function decide(
  s: Session,
  action: Extract<ActionPayload, { type: 'decide' }>,
  typed?: string,
  values: Record<string, unknown> = {},
): Promise<ChatResponse> {
  const caseId = Number(action.caseId);
  let reason: string | undefined = typed;
  if (reason === undefined && (action.decision === 'reject' || action.decision === 'ask_info')) {
    const field = action.decision === 'reject' ? 'reason' : 'question';
    const read = readFormText(vcOf(s), values, field);
    if (!read.ok) {
      // Ask for the reason first; the decision itself is taken (and authorised) when it comes.
      const c = await s.deps.workflow.getCase(caseId);
      if (!c) return refused(s, 'not_found', caseId);
      await save(s, {
        kind: 'decision_text',
        caseId,
        step: action.step,
        version: action.version,
        decision: action.decision,
      });
      const summary = await caseSummaryOf(s.deps.db, s.strategy, c, s.person.locale, [], {
        readerId: s.person.id,
      });
      return {
        views: [],
        form: decisionFormView(
          vcOf(s),
          summary,
          action.decision,
          Object.keys(values).length > 0 ? read.error : undefined,
        ),
      };
    }
    reason = read.text;
  }
  const out = await s.deps.workflow.decide(actorOf(s), {
    action: action.decision,
    caseId,
    step: action.step,
    version: action.version,
    ...(reason ? { reason } : {}),
  });
  s.deps.onDecision?.(out.ok ? { ok: true, action: out.action } : { ok: false, refusal: out.refusal });
  if (s.state?.kind === 'decision_text') await save(s, null);
  if (!out.ok) return refused(s, out.refusal, caseId, out.case);
  const replace = await viewOfCaseFor(s, out.case);
  // An endorsement says where the case goes now; the last word says who hears it.
  if (out.action === 'endorse') {
    const route = await caseRouteOf(s.deps.db, s.strategy, out.case, s.person.locale);
    const now = route?.steps[out.case.step];
    if (now) return { views: [noticeView(textsFor(s.person.locale).endorsedNext(holderOf(now)))], replace };
  }
  return { views: [chatText(s.person.locale, `decided_${out.action}`)], replace };
}

async function answer(s: Session, caseId: number, text: string): Promise<ChatResponse> {
  const out = await s.deps.workflow.answerInfo(actorOf(s), caseId, text);
  if (s.state?.kind === 'answer_info') await save(s, null);
  if (!out.ok) return refused(s, out.refusal, caseId, out.case);
  return { views: [chatText(s.person.locale, 'answerSent')] };
}

/** The case as this person should see it: with decision buttons only for the one who may decide. */
function viewOfCaseFor(s: Session, c: CaseRecord): Promise<View> {
  return caseViewForReader(
    s.deps.db,
    s.strategy,
    s.deps.clock(),
    c,
    s.person.id,
    s.person.locale,
    undefined,
    s.person.timeZone,
  );
}

async function refused(
  s: Session,
  refusal: Refusal,
  caseId: number,
  known?: CaseRecord | null,
): Promise<ChatResponse> {
  const message = chatText(s.person.locale, `refused_${refusal}`);
  const c = known !== undefined ? known : await s.deps.workflow.getCase(caseId);
  if (!c || !(await mayView(s, c))) return { views: [message] };
  return { views: [message], replace: await viewOfCaseFor(s, c) };
}

/**
 * Who may see a case. Anyone in the organisation may see an ordinary case's state (a card in a
 * shared chat shows it to everyone there). A confidential case only to its requester, whoever
 * holds it now (or stands in while they are away), whoever decided on it, and whoever was sent its
 * card: not to everyone who knows or guesses a case id.
 */
async function mayView(s: Session, c: CaseRecord): Promise<boolean> {
  const me = s.person.id;
  const caseId = c.id;
  if (!c.confidential || c.requesterId === me || c.assigneeId === me) return true;
  const db = s.deps.db;
  const [decided, sent] = await Promise.all([
    db
      .selectFrom('decisions')
      .select('id')
      .where('case_id', '=', caseId)
      .where((eb) => eb.or([eb('decider_id', '=', me), eb('on_behalf_of', '=', me)]))
      .executeTakeFirst(),
    db
      .selectFrom('case_messages')
      .select('id')
      .where('case_id', '=', caseId)
      .where('person_id', '=', me)
      .executeTakeFirst(),
  ]);
  if (decided || sent) return true;
  return caseWaitsFor(s.deps.db, c, me, s.deps.clock(), s.strategy.file.digest.timezone);
}

async function who(s: Session, partner: string | null, cut = false): Promise<ChatResponse> {
  const rows = partner ? await relationshipLines(s.deps.db, s.strategy, partner, s.person.locale) : [];
  return { views: [whoWorksWithView(vcOf(s), partner, rows, { cut })] };
}

async function status(s: Session): Promise<ChatResponse> {
  const [mine, waiting] = await Promise.all([
    s.deps.workflow.openCasesRequestedBy(s.person.id),
    s.deps.workflow.casesWaitingFor(s.person.id),
  ]);
  const sum = (list: typeof mine) => caseSummariesOf(s.deps.db, s.strategy, list, s.person.locale);
  return { views: [statusView(vcOf(s), { mine: await sum(mine), waitingForMe: await sum(waiting) })] };
}

async function assigneeName(s: Session, id: string | null): Promise<string> {
  if (!id) return '';
  const row = await s.deps.db.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? id;
}

async function demoAs(s: Session, name: string): Promise<ChatResponse> {
  if (!s.deps.demo) return { views: [chatText(s.person.locale, 'demoRefused')] };
  const wanted = name.trim().toLowerCase();
  const people = await s.deps.db.selectFrom('people').select(['id', 'name', 'role']).orderBy('id').execute();
  const match =
    people.find((p) => p.id.toLowerCase() === wanted || p.name.toLowerCase() === wanted) ??
    people.find((p) => p.name.toLowerCase().split(/\s+/)[0] === wanted) ??
    people.find((p) => p.name.toLowerCase().includes(wanted));
  if (!match)
    return {
      views: [chatText(s.person.locale, 'demoUnknown', people.map((p) => p.name.split(' ')[0]).join(', '))],
    };
  await s.deps.db
    .insertInto('conversation_state')
    .values({
      key: demoKey(s.identity),
      state: JSON.stringify(match.id),
      version: 1,
      updated_at: s.deps.clock().toISOString(),
    })
    .onConflict((oc) => oc.column('key').doUpdateSet({ state: JSON.stringify(match.id) }))
    .execute();
  const role = s.strategy.roles.get(match.role);
  // The decisions waiting for the person played now, again, with their buttons: the cards posted
  // earlier in this one chat showed them as someone else's.
  const now = s.deps.clock();
  const waiting = (await s.deps.workflow.casesWaitingFor(match.id)).slice(0, MAX_DEMO_CARDS);
  const cards = [];
  for (const c of waiting)
    cards.push(
      await caseViewForReader(
        s.deps.db,
        s.strategy,
        now,
        c,
        match.id,
        s.person.locale,
        undefined,
        s.person.timeZone,
      ),
    );
  return {
    views: [
      chatText(
        s.person.locale,
        'demoNow',
        `${match.name} (${role ? roleName(role, s.person.locale) : match.role})`,
      ),
      ...cards,
    ],
  };
}

const MAX_DEMO_CARDS = 5;
