// J5: the digest's schedule over daylight-saving changes and leap days. Three years of a weekly
// digest at 09:00 in Europe/London, and one at 02:30 on Sundays in Europe/Amsterdam (a time that
// does not exist on the last Sunday of March and happens twice on the last of October): one run
// a week, at the local time the strategy names (or just after it, in the gap), never two.
import { digestSchedule } from '../src/jobs/digest-schedule.js';
import { type RowGroup, row } from './campaign.js';

function local(d: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    weekday: get('weekday'),
    time: `${get('hour')}:${get('minute')}`,
    day: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

function walk(cron: string, timeZone: string, from: string, to: string) {
  const schedule = digestSchedule(cron, timeZone);
  const out: Date[] = [];
  let at: Date | null = new Date(from);
  for (;;) {
    at = schedule.nextAfter(at);
    if (!at || at.getTime() >= Date.parse(to)) break;
    out.push(at);
  }
  return out;
}

const group: RowGroup = {
  rows: ['J5'],
  async run() {
    const problems: string[] = [];
    const from = '2026-01-01T00:00:00Z';
    const to = '2029-01-01T00:00:00Z';
    const london = walk('0 9 * * 1', 'Europe/London', from, to);
    for (const [i, d] of london.entries()) {
      const l = local(d, 'Europe/London');
      if (l.weekday !== 'Mon' || l.time !== '09:00')
        problems.push(`London ${d.toISOString()} is ${l.weekday} ${l.time}`);
      const prev = london[i - 1];
      if (prev && Math.abs(d.getTime() - prev.getTime() - 7 * 86_400_000) > 3_600_000)
        problems.push(`London gap before ${d.toISOString()}`);
    }
    const amsterdam = walk('30 2 * * 0', 'Europe/Amsterdam', from, to);
    const days = new Set<string>();
    for (const d of amsterdam) {
      const l = local(d, 'Europe/Amsterdam');
      if (days.has(l.day)) problems.push(`Amsterdam twice on ${l.day}`);
      days.add(l.day);
      if (l.weekday !== 'Sun' || (l.time !== '02:30' && l.time !== '03:30' && l.time !== '03:00'))
        problems.push(`Amsterdam ${d.toISOString()} is ${l.weekday} ${l.time}`);
    }
    // Every Sunday of the three years has its one run.
    const sundays = Math.round((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000));
    if (Math.abs(amsterdam.length - sundays) > 1)
      problems.push(`Amsterdam: ${amsterdam.length} runs for ${sundays} Sundays`);
    const leap = walk('0 9 29 2 *', 'Europe/Amsterdam', from, to).map(
      (d) => local(d, 'Europe/Amsterdam').day,
    );
    if (leap.join() !== '2028-02-29') problems.push(`leap day runs: ${leap.join() || 'none'}`);
    return [
      row(
        'J5',
        `3 years (2026–2028): ${london.length} weekly 09:00 London digests, ${amsterdam.length} Sunday 02:30 Amsterdam ones over 6 clock changes, a 29 February one`,
        `${problems.length} missed, doubled or off their local time${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}`,
        '0 missed, 0 duplicated',
        problems.length === 0,
      ),
    ];
  },
};
export default group;
