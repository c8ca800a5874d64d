// The digest as a neutral view (rendered by each channel: Block Kit, Adaptive Card) and as plain
// text (the CLI preview, the notification fallback). The chart travels separately, as a PNG
// stored with the run.
import type { Block, View } from '../../conversation/view.js';
import type { Digest } from '../../domain/digest/digest-model.js';
import type { Locale } from '../../domain/strategy/strategy-schema.js';
import { digestSections, digestTitle, headerLine, runningNote, type Section } from './digest-sections.js';

export function digestView(digest: Digest, locale: Locale): View {
  const header = headerLine(digest, locale);
  const blocks: Block[] = [{ type: 'context', text: header }];
  const note = runningNote(digest, locale);
  if (note) blocks.push({ type: 'context', text: note });
  const sections = digestSections(digest, locale);
  for (const s of sections) blocks.push(...sectionBlocks(s));
  return {
    kind: 'digest',
    title: digestTitle(digest, locale),
    blocks,
    digest: { subtitle: note ? `${header}\n\n${note}` : header, sections },
    fallbackText: digestText(digest, locale),
  };
}

/** Slack's limit for one section's text is 3,000 characters; lines are packed below it. */
export const MAX_TEXT_BLOCK = 2900;

export function sectionBlocks(s: Section): Block[] {
  const blocks: Block[] = [{ type: 'text', text: s.heading, emphasis: true }];
  // Slack shows at most 10 fields in a section.
  for (let i = 0; i < s.facts.length; i += 10)
    blocks.push({ type: 'facts', facts: s.facts.slice(i, i + 10) });
  let text = '';
  for (const line of s.lines) {
    const bullet = `• ${line.length > MAX_TEXT_BLOCK - 2 ? `${line.slice(0, MAX_TEXT_BLOCK - 3)}…` : line}`;
    if (text !== '' && text.length + 1 + bullet.length > MAX_TEXT_BLOCK) {
      blocks.push({ type: 'text', text });
      text = '';
    }
    text = text === '' ? bullet : `${text}\n${bullet}`;
  }
  if (text !== '') blocks.push({ type: 'text', text });
  return blocks;
}

export function digestText(digest: Digest, locale: Locale): string {
  const note = runningNote(digest, locale);
  const out = [digestTitle(digest, locale), headerLine(digest, locale), ...(note ? [note] : []), ''];
  for (const s of digestSections(digest, locale)) out.push(sectionText(s), '');
  return `${out.join('\n').trimEnd()}\n`;
}

export function sectionText(s: Section): string {
  return [
    s.heading,
    '-'.repeat(s.heading.length),
    ...s.facts.map((f) => `${f.label}: ${f.value}`),
    ...s.lines.map((l) => `• ${l}`),
  ].join('\n');
}
