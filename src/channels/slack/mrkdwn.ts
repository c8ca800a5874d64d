// Text for Slack: people's words are escaped for mrkdwn (& < > only; Slack parses nothing else
// into mentions or links), then cut to a limit with an ellipsis without splitting an entity.
// All mrkdwn objects are also sent with `verbatim: true`, so bare URLs and @names are not linked.

const ELLIPSIS = '…';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, ending with an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  // Never end inside a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Cuts escaped mrkdwn to `max`, never leaving half an entity (`&am…`) behind. */
export function truncateMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = truncate(escaped, max);
  return cut.replace(/&[a-z]{0,4}…$/, ELLIPSIS);
}

/** Escaped and cut to `max`. */
export function mrkdwn(text: string, max: number): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}

/** Bold in mrkdwn works per line: each non-empty line is wrapped on its own. */
export function boldLines(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `*${line.trim()}*`))
    .join('\n');
}

/** Plain text (labels, button and option text): nothing to escape, but never empty and never too long. */
export function plain(text: string, max: number): string {
  const t = text.trim() === '' ? ' ' : text;
  return truncate(t, max);
}
