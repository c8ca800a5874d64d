// "help", and the short help for words the bot does not know (never silence).
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { buildView, buttons, context, text } from './build-view.js';
import { textsFor } from './texts/index.js';
import type { Block, View } from './view.js';

export function helpView(locale: Locale, options: { demo?: boolean } = {}): View {
  const t = textsFor(locale);
  const blocks: Block[] = [
    text(t.helpIntro),
    { type: 'facts', facts: t.helpWords.map((w) => ({ label: w.word, value: w.text })) },
    text(t.helpOneMessage),
  ];
  if (options.demo) blocks.push(context(t.helpDemo));
  blocks.push(startButton(locale));
  return buildView(blocks, t.helpTitle);
}

export function unknownCommandView(locale: Locale): View {
  return buildView([text(textsFor(locale).unknownCommand), startButton(locale)]);
}

function startButton(locale: Locale): Block {
  const t = textsFor(locale);
  return buttons([
    { id: 'start_check', label: t.startCheckButton, style: 'primary', action: { type: 'start_check' } },
  ]);
}
