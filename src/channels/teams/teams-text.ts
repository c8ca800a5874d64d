// Text for Adaptive Cards. TextBlock and FactSet text is Markdown in Teams, so people's words
// (partner names, reasons) are escaped: no emphasis, no links, no mentions, no autolinked URLs.
// Labels, choice titles and button titles are plain text in Adaptive Cards and are only trimmed.

/** `<at>Name</at>` becomes `Name`: a mention only works with an entity, and we never send one. */
export function stripMentions(text: string): string {
  return text.replace(/<at\b[^>]*>(.*?)<\/at>/gis, '$1');
}

const MARKDOWN = /[\\`*_[\]<>~|]/g;
/** Line starts Markdown reads as a heading, quote or list item (a lone `-` is an empty bullet). */
const LINE_START = /^(\s*)([#>+-]|\d+[.)])(?=\s|$)/gm;

export function escapeMarkdown(text: string): string {
  return stripMentions(text)
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(
      LINE_START,
      (_m, space: string, mark: string) => `${space}${mark.replace(/([#>+\-.)])$/, '\\$1')}`,
    )
    .replace(/:\/\//g, ':\u2060//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u2060.`);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Plain text (labels, titles): no Markdown is applied, but mentions are still stripped. */
export function plain(text: string, max: number): string {
  return truncate(stripMentions(text).replace(/\s+/g, ' ').trim(), max);
}
