// What views of cases need besides the case: the reader's language, the currency, the time
// zone for times (the strategy's), and now (to leave out the date for times of today).
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';

export interface ViewContext {
  locale: Locale;
  currency: string;
  /** IANA time zone, e.g. Europe/Amsterdam. */
  timeZone: string;
  now?: Date;
}

/** The view context of a strategy: its currency, and the reader's time zone or else the digest's. */
export function viewContextOf(
  strategy: Strategy,
  locale: Locale,
  now?: Date,
  timeZone?: string | null,
): ViewContext {
  const vc: ViewContext = {
    locale,
    currency: strategy.currency,
    timeZone: timeZone ?? strategy.file.digest.timezone,
  };
  if (now) vc.now = now;
  return vc;
}
