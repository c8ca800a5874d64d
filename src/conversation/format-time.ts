// Times as people read them in chat, in the strategy's time zone: "at 14:02" today, "on 3 March
// at 14:02" otherwise.
import { intlLocale } from '../domain/i18n/format.js';
import { textsOf } from '../domain/texts/catalogue.js';
import type { ViewContext } from './view-context.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(vc: ViewContext, kind: 'time' | 'date' | 'day'): Intl.DateTimeFormat {
  const key = `${vc.locale}:${vc.timeZone}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'date'
          ? { day: 'numeric', month: 'long' }
          : { year: 'numeric', month: '2-digit', day: '2-digit' };
    f = new Intl.DateTimeFormat(intlLocale(vc.locale), { ...options, timeZone: vc.timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "at 14:02" / "om 14:02", with the date when it is not today; empty for a missing or bad time. */
export function formatWhen(vc: ViewContext, iso: string | undefined): string {
  const d = parseTime(iso);
  if (!d) return '';
  const t = textsOf(vc.locale).conversation;
  const time = format(vc, 'time').format(d);
  const sameDay = vc.now !== undefined && format(vc, 'day').format(d) === format(vc, 'day').format(vc.now);
  return sameDay ? t.atTime(time) : t.onDateAtTime(format(vc, 'date').format(d), time);
}

/** Moments already written out: a status lists the same waiting cases turn after turn. */
const moments = new Map<string, string>();
const MAX_MOMENTS = 1_000;

/** "3 March 14:02" / "3 maart 14:02": a moment in a list. */
export function formatMoment(vc: ViewContext, iso: string | undefined): string | null {
  const d = parseTime(iso);
  if (!d) return null;
  const key = `${vc.locale}:${vc.timeZone}:${d.getTime()}`;
  let text = moments.get(key);
  if (text === undefined) {
    text = `${format(vc, 'date').format(d)} ${format(vc, 'time').format(d)}`;
    if (moments.size >= MAX_MOMENTS) moments.clear();
    moments.set(key, text);
  }
  return text;
}

function parseTime(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
