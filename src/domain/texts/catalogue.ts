// Everything Koers says, one catalogue per language, by section. Each language implements the
// same shape, so a missing text is a compile error; the sections' own files say what each is
// for. Platform markup (Slack mrkdwn, Teams markdown) is not in here: the renderers add it.
import type { Locale } from '../strategy/strategy-schema.js';
import type { ChannelTexts } from './channel-texts.js';
import type { ChatTexts } from './chat-texts.js';
import type { CheckTexts } from './check-texts.js';
import type { ConversationTexts } from './conversation-texts.js';
import type { DigestTexts } from './digest-texts.js';
import { en } from './en/index.js';
import { nl } from './nl/index.js';
import type { NotificationTexts } from './notification-texts.js';
import type { ReviewTexts } from './review-texts.js';

export interface Catalogue {
  /** The guided check, its questions and answers, the case views, help and who-works-with. */
  conversation: ConversationTexts;
  /** A check's reasons, notices and suggestions. */
  check: CheckTexts;
  /** Short answers: refusals, confirmations, the demo. */
  chat: ChatTexts;
  /** The weekly portfolio digest and its chart. */
  digest: DigestTexts;
  /** The review an owner is asked for. */
  review: ReviewTexts;
  /** Signals to the alliance team and other messages sent on Koers's own. */
  notification: NotificationTexts;
  /** What a channel adapter says itself. */
  channel: ChannelTexts;
}

const CATALOGUES: Record<Locale, Catalogue> = { nl, en };

export function textsOf(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}
