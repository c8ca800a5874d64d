// The chat's short answers as a notice view, in the reader's language.
import { buildView, text } from '../conversation/build-view.js';
import type { View } from '../conversation/index.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import type { ChatTextKey } from '../domain/texts/chat-texts.js';

export type { ChatTextKey };

export function chatText(locale: Locale, key: ChatTextKey, arg?: string): View {
  return buildView('notice', [text(textsOf(locale).chat[key](arg))]);
}
