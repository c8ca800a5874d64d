import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { en } from './en.js';
import { nl } from './nl.js';
import type { Texts } from './texts.js';

export type { ChannelOutcome, StateWords, Texts } from './texts.js';

const TEXTS: Record<Locale, Texts> = { nl, en };

export function textsFor(locale: Locale): Texts {
  return TEXTS[locale];
}
