// "help", the welcome, the answers to small talk, and the short help for words the bot does not
// know (never silence).

import { inRunningText } from '../domain/i18n/format.js';
import type { Strategy } from '../domain/strategy/compile-strategy.js';
import { localize } from '../domain/strategy/compile-strategy.js';
import type { Locale } from '../domain/strategy/strategy-schema.js';
import { textsOf } from '../domain/texts/catalogue.js';
import { buildView, buttons, context, text } from './build-view.js';
import type { SmallTalk } from './understanding/intent.js';
import type { Block, View } from './view.js';

/** What the welcome needs: the language and the strategy (its organisation and names). */
export interface WelcomeContext {
  locale: Locale;
  strategy: Strategy;
}

export function helpView(locale: Locale, options: { demo?: boolean } = {}): View {
  const t = textsOf(locale).conversation;
  const blocks: Block[] = [
    text(t.helpIntro),
    { type: 'facts', facts: t.helpWords.map((w) => ({ label: w.word, value: w.text })) },
    text(t.helpOneMessage),
  ];
  if (options.demo) blocks.push(context(t.helpDemo));
  blocks.push(startButton(locale));
  return buildView('help', blocks, t.helpTitle);
}

/**
 * The welcome in front of the first answer a person gets, in the same message: what Koers does
 * and one example, then what they asked for.
 */
export function withWelcome(vc: WelcomeContext, view: View): View {
  const t = textsOf(vc.locale).conversation;
  const blocks: Block[] = [
    text(t.welcomeTitle, true),
    text(t.welcome(vc.strategy.file.organisation.name)),
    text(t.welcomeExample(exampleQuestion(vc))),
    ...view.blocks,
  ];
  return buildView(view.kind, blocks, view.title, {
    ...(view.caseId ? { caseId: view.caseId } : {}),
    ...(view.verdict ? { verdict: view.verdict } : {}),
  });
}

/** Once per person: what Koers does, and one example in this strategy's words. */
export function welcomeView(vc: WelcomeContext): View {
  const t = textsOf(vc.locale).conversation;
  return buildView(
    'welcome',
    [
      text(t.welcome(vc.strategy.file.organisation.name)),
      text(t.welcomeExample(exampleQuestion(vc))),
      startButton(vc.locale),
    ],
    t.welcomeTitle,
  );
}

/** "mag ik met TU Delft een project over energie starten?", from the strategy's own names. */
function exampleQuestion(vc: WelcomeContext): string {
  const t = textsOf(vc.locale).conversation;
  const s = vc.strategy;
  const intensity = s.intensityList[Math.min(1, s.intensityList.length - 1)];
  const priority = s.file.priorities[0];
  const intensityName = inRunningText(localize(intensity?.name, vc.locale) || 'project');
  const topic =
    priority?.keywords.find((k) => /^[\p{Ll}]/u.test(k)) ??
    inRunningText(localize(priority?.name, vc.locale) || '');
  return t.exampleQuestion(intensityName, topic);
}

export function smallTalkView(
  vc: WelcomeContext,
  talk: SmallTalk,
  options: { demo?: boolean; welcome?: boolean } = {},
): View {
  const t = textsOf(vc.locale).conversation;
  if (talk === 'thanks') return buildView('notice', [text(t.thanksBack)]);
  if (talk === 'goodbye') return buildView('notice', [text(t.goodbyeBack)]);
  if (options.welcome) return welcomeView(vc);
  if (talk === 'capabilities') return helpView(vc.locale, options);
  return buildView('welcome', [
    text(t.greetingBack),
    text(t.welcomeExample(exampleQuestion(vc))),
    startButton(vc.locale),
  ]);
}

/** A line of words: a confirmation, a refusal, a short answer. */
export function noticeView(words: string): View {
  return buildView('notice', [text(words)]);
}

export function unknownCommandView(locale: Locale): View {
  return buildView('help', [text(textsOf(locale).conversation.unknownCommand), startButton(locale)]);
}

function startButton(locale: Locale): Block {
  const t = textsOf(locale).conversation;
  return buttons([
    { id: 'start_check', label: t.startCheckButton, style: 'primary', action: { type: 'start_check' } },
  ]);
}
