// What one chat turn works with: the chat service's dependencies, who is talking, their stored
// conversation, and the shapes of a request and of its answer. Each command handler
// (src/application/commands/) takes a Session and answers a ChatResponse.
import type { Logger } from 'pino';
import { type ActionPayload, type View, viewContextOf } from '../conversation/index.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import type { Db } from '../store/store-handle.js';
import type { Workflow } from '../workflow/workflow.js';
import type { ChatIdentity, ChatPerson } from './chat-identity.js';
import { type ConversationState, saveConversation } from './conversation-store.js';
import type { WelcomeClaims } from './welcome-claims.js';

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
  db: Db;
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

export interface Session {
  deps: ChatDeps;
  strategy: Strategy;
  person: ChatPerson;
  identity: ChatIdentity;
  convKey: string;
  state: ConversationState | null;
  idempotencyKey: string | undefined;
  claimWelcome: WelcomeClaims;
}

/** Who acts, as the workflow wants to know it. */
export const actorOf = (s: Session) => ({ personId: s.person.id, platform: s.identity.platform });

/** How the person's views are written: their language, their time zone, now. */
export const vcOf = (s: Session) =>
  viewContextOf(s.strategy, s.person.locale, s.deps.clock(), s.person.timeZone);

/** Stores the person's conversation state (null: the conversation is over). */
export const save = (s: Session, state: ConversationState | null) =>
  saveConversation(s.deps.db, s.convKey, state, s.deps.clock().toISOString());
