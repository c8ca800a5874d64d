// The chat's short answers: refusals, confirmations, the demo's words. One sentence each, some
// with one detail (a name, a list of problems) filled in.
import type { chatNl } from './nl/chat.js';

export type ChatText = (arg?: string) => string;

/** Every short answer; a key without a text in each language fails the type check. */
export type ChatTextKey = keyof typeof chatNl;
export type ChatTexts = Record<ChatTextKey, ChatText>;
