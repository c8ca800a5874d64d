// The guided check in chat: started by the word (or its form), continued by each message, choice
// or form the person gives, and submitted to the workflow when the dialog says so. The dialog is
// pure, so what it may ask of the register is read before each of its turns.
import {
  type ActionPayload,
  type ChatCommand,
  type CheckContext,
  checkFormView,
  continueCheck,
  partnerNamesToLookUp,
  partnerNamesToLookUpAtStart,
  partnerToLookUp,
  partnerToLookUpAtStart,
  type RelationshipLine,
  startCheck,
  type Turn,
  verdictView,
} from '../../conversation/index.js';
import { partnerKey as partnerKeyOf } from '../../domain/portfolio/partner-key.js';
import { caseRouteOf } from '../case-route-of.js';
import { actorOf, type ChatResponse, type Session, save } from '../chat-session.js';
import { chatText } from '../chat-texts.js';
import { knownPartnerKeys, relationshipLines } from '../relationship-lines.js';

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

/** The word: the check's form, or its first question (taking what the message already says). */
export async function checkWord(
  s: Session,
  command: Extract<ChatCommand, { kind: 'check' }>,
): Promise<ChatResponse> {
  if (command.form) return { views: [], form: checkFormView(await checkContext(s, null)) };
  const message = command.text;
  const ctx = await checkContext(
    s,
    (known) => partnerToLookUpAtStart(s.strategy, message, known),
    partnerNamesToLookUpAtStart(s.strategy, message),
  );
  return runTurn(s, startCheck(ctx, message));
}

/** A message while a check is under way: the answer to its question. */
export async function checkAnswer(s: Session, dialog: unknown, text: string): Promise<ChatResponse> {
  const input = { kind: 'text' as const, text };
  const ctx = await checkContext(s, partnerToLookUp(dialog, input), partnerNamesToLookUp(dialog, input));
  return runTurn(s, continueCheck(ctx, dialog, input));
}

/** A button of the dialog: a choice among the answers it offered. */
export async function checkChoice(
  s: Session,
  action: Extract<ActionPayload, { type: 'dialog' }>,
): Promise<ChatResponse> {
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

/** The button that starts a check: its form, or its first question. */
export async function checkStart(
  s: Session,
  action: Extract<ActionPayload, { type: 'start_check' }>,
): Promise<ChatResponse> {
  const ctx = await checkContext(s, null);
  if (action.form) return { views: [], form: checkFormView(ctx) };
  return runTurn(s, startCheck(ctx));
}

/** The check's form, filled in: its errors on the form, or the check submitted. */
export async function checkForm(s: Session, values: Record<string, unknown>): Promise<ChatResponse> {
  const name = typeof values.partnerName === 'string' ? values.partnerName : null;
  const ctx = await checkContext(s, name);
  const dialog = s.state?.kind === 'check' ? s.state.dialog : null;
  const turn = continueCheck(ctx, dialog, { kind: 'form', values });
  if (turn.effects.length === 0) return { views: [], form: turn.views[0] ?? checkFormView(ctx, values) };
  return runTurn(s, turn);
}

/** Stores the dialog's new state, then submits what it asks to (with the verdict and its route). */
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
