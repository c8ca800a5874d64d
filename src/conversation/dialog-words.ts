// The words that steer the dialog at every step, in Dutch and English, and the values that
// buttons send for them. Control values start with `~`, which no strategy id can.
import { fold } from './fold.js';

export type DialogControl = 'back' | 'cancel' | 'help' | 'restart';

export const CONTROL_VALUE = {
  back: '~back',
  cancel: '~cancel',
  help: '~help',
  submit: '~submit',
  none: '~none',
  edit: '~edit',
} as const;
export const EDIT_PREFIX = '~edit:';

const CONTROLS: Record<string, DialogControl> = {
  back: 'back',
  terug: 'back',
  vorige: 'back',
  previous: 'back',
  cancel: 'cancel',
  stop: 'cancel',
  stoppen: 'cancel',
  annuleer: 'cancel',
  annuleren: 'cancel',
  afbreken: 'cancel',
  quit: 'cancel',
  help: 'help',
  hulp: 'help',
  '?': 'help',
  // The start words again, inside a dialog: start over rather than take them as an answer.
  check: 'restart',
  toets: 'restart',
  '/koers check': 'restart',
  '/koers toets': 'restart',
  opnieuw: 'restart',
  'begin opnieuw': 'restart',
  restart: 'restart',
  'start over': 'restart',
};
const YES = new Set([
  'ja',
  'yes',
  'j',
  'y',
  'ok',
  'oke',
  'okay',
  'klopt',
  'correct',
  'prima',
  'akkoord',
  'sure',
  'yep',
  'jazeker',
  'zeker',
]);
const NO = new Set(['nee', 'no', 'n', 'nope', 'neen', 'niet']);
const SUBMIT = new Set([
  'verstuur',
  'versturen',
  'indienen',
  'submit',
  'send',
  'verzend',
  'toetsen',
  'check it',
  'toets het',
  'klopt, toetsen',
]);

/** The answer folded for matching words: no trailing punctuation (a lone "?" stays). */
export function answerWord(input: string): string {
  const f = fold(input);
  return f === '?' ? f : f.replace(/[.!?]+$/u, '').trim();
}

export function controlOf(input: string): DialogControl | null {
  return CONTROLS[answerWord(input)] ?? null;
}

export function isYes(input: string): boolean {
  return YES.has(answerWord(input));
}

export function isNo(input: string): boolean {
  return NO.has(answerWord(input));
}

export function isSubmit(input: string): boolean {
  const w = answerWord(input);
  return YES.has(w) || SUBMIT.has(w);
}
