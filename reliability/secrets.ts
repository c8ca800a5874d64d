// R2: secrets never leave Koers. Every log line and every answer the rows before captured (the
// apps' structured logs, the worker processes' lines, the bodies sent back to Slack and Teams)
// is scanned for Slack tokens, JSON Web Tokens and the campaign's own secrets. Token rotation
// does not apply: Koers uses bot tokens, which have no refresh token.
import { BOT_TOKEN, SIGNING_SECRET } from '../test/integration/slack/slack-test-app.js';
import { FIXED_OUTBOUND_TOKEN } from '../test/support/outbound-credentials.js';
import { fmt, type RowGroup, row } from './campaign.js';

const PATTERNS: Array<[string, RegExp]> = [
  ['Slack token', /xox[abpr]-[0-9A-Za-z-]{6,}/],
  ['JSON Web Token', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/],
  ['signing secret', new RegExp(SIGNING_SECRET)],
  ['bot token', new RegExp(BOT_TOKEN)],
  ['outbound token', new RegExp(FIXED_OUTBOUND_TOKEN)],
  ['app password', /not-used-by-the-campaign/],
];

const group: RowGroup = {
  rows: ['R2'],
  async run(c) {
    const texts: string[] = [];
    for (const list of c.captured.logs)
      for (const l of list) texts.push(typeof l === 'string' ? l : JSON.stringify(l));
    texts.push(...c.captured.answers);
    const found = new Map<string, number>();
    const examples: string[] = [];
    for (const text of texts)
      for (const [name, re] of PATTERNS)
        if (re.test(text)) {
          found.set(name, (found.get(name) ?? 0) + 1);
          if (examples.length < 2) examples.push(`${name}: ${text.slice(0, 160)}`);
        }
    const hits = [...found.values()].reduce((a, b) => a + b, 0);
    if (examples.length) for (const e of examples) c.note(`R2 ${e}`);
    return [
      row(
        'R2',
        `${fmt(texts.length)} log lines and answers captured by the rows before (${c.captured.logs.length} logs), ${PATTERNS.length} patterns; token rotation: n/a (bot tokens without a refresh token)`,
        `${hits} matches${found.size ? ` (${[...found.entries()].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
        '0 tokens or secrets',
        hits === 0 && texts.length > 0,
      ),
    ];
  },
};
export default group;
