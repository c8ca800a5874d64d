// The weekly digest as an Adaptive Card with its chart. The digest's words come from src/jobs
// (its neutral view); the chart is an image: a PNG data URI or an https URL of our own.
import type { Fact, View } from '../../conversation/index.js';
import { expandTemplate } from './card-templates.js';
import { withViewMarker } from './render-adaptive-card.js';
import { TEAMS_LIMITS } from './teams-limits.js';
import { escapeMarkdown, plain, stripMentions, truncate } from './teams-text.js';

export interface DigestCardData {
  title: string;
  subtitle?: string | null;
  sections: Array<{ heading: string; facts: Fact[]; lines: string[] }>;
  /** `data:image/png;base64,…` or `https://…`; anything else is left out. */
  imageUrl: string | null;
  imageAlt?: string;
  fallbackText: string;
}

function safeImageUrl(url: string | null): string | null {
  if (!url) return null;
  return /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(url) || /^https:\/\/[^\s"<>]+$/.test(url)
    ? url
    : null;
}

export function renderDigestCard(d: DigestCardData): Record<string, unknown> {
  return withViewMarker(expandTemplate('digest', digestTemplateData(d)), { kind: 'digest' });
}

/** The digest template's data: every word escaped and cut to Teams' limits, the image checked. */
export function digestTemplateData(d: DigestCardData): object {
  const imageUrl = safeImageUrl(d.imageUrl);
  return {
    title: escapeMarkdown(plain(d.title, TEAMS_LIMITS.maxTextChars)),
    subtitle: d.subtitle ? escapeMarkdown(truncate(d.subtitle, TEAMS_LIMITS.maxTextChars)) : null,
    imageUrl,
    imageAlt: imageUrl ? plain(d.imageAlt ?? d.title, 200) : null,
    fallbackText: truncate(stripMentions(d.fallbackText), 2_000),
    sections: d.sections.map((s) => ({
      heading: escapeMarkdown(plain(s.heading, TEAMS_LIMITS.maxTextChars)),
      facts: s.facts.map((f) => ({
        title: escapeMarkdown(plain(f.label, TEAMS_LIMITS.maxFactTitleChars)),
        value: escapeMarkdown(truncate(f.value, TEAMS_LIMITS.maxFactValueChars)),
      })),
      lines: s.lines.map((l) => ({ text: escapeMarkdown(truncate(l, TEAMS_LIMITS.maxTextChars)) })),
    })),
  };
}

/**
 * The digest card's data from the digest's view: its title, and the subtitle and sections it
 * carries as data (src/jobs digestView). A view without them (none is built so) shows its plain
 * text as one section rather than nothing.
 */
export function digestDataFromView(view: View, imageUrl: string | null): DigestCardData {
  const title = view.title ?? '';
  if (!view.digest)
    return {
      title,
      subtitle: null,
      sections: [{ heading: '', facts: [], lines: view.fallbackText.split('\n').filter((l) => l.trim()) }],
      imageUrl,
      fallbackText: view.fallbackText,
    };
  return {
    title,
    subtitle: view.digest.subtitle,
    sections: view.digest.sections.map((x) => ({
      heading: x.heading,
      facts: [...x.facts],
      lines: [...x.lines],
    })),
    imageUrl,
    fallbackText: view.fallbackText,
  };
}
