import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/conversation/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['check', { kind: 'check', text: '' }, 'en'],
    ['toets', { kind: 'check', text: '' }, 'nl'],
    ['/koers toets', { kind: 'check', text: '' }, 'nl'],
    ['  /KOERS   Check  ', { kind: 'check', text: '' }, 'en'],
    ['check met TU Delft een project', { kind: 'check', text: 'met TU Delft een project' }, 'en'],
    ['status', { kind: 'status' }, null],
    ['STATUS', { kind: 'status' }, null],
    ['who Deltares', { kind: 'who', partner: 'Deltares' }, 'en'],
    ['wie TU Delft', { kind: 'who', partner: 'TU Delft' }, 'nl'],
    ['wie werkt er al met Gemeente Leiden?', { kind: 'who', partner: 'Gemeente Leiden' }, 'nl'],
    ['who works with Deltares?', { kind: 'who', partner: 'Deltares' }, 'en'],
    ['who', { kind: 'who', partner: null }, 'en'],
    ['portfolio', { kind: 'portfolio' }, null],
    ['help', { kind: 'help' }, null],
    ['hulp', { kind: 'help' }, 'nl'],
    ['', { kind: 'help' }, null],
    ['/koers', { kind: 'help' }, null],
    ['demo as Bram Bakker', { kind: 'demo_as', name: 'Bram Bakker' }, 'en'],
    ['demo als Carla Jansen', { kind: 'demo_as', name: 'Carla Jansen' }, 'nl'],
  ])('reads %j', (input, command, language) => {
    expect(parseCommand(input)).toEqual({ command, language });
  });

  it('tolerates mention markup a channel left in', () => {
    expect(parseCommand('<@U0KOERS> status').command).toEqual({ kind: 'status' });
    expect(parseCommand('<at>Koers</at> wie Deltares').command).toEqual({ kind: 'who', partner: 'Deltares' });
    expect(parseCommand('@koers help').command).toEqual({ kind: 'help' });
  });

  it('takes a question about working with a partner as the start of a check', () => {
    expect(parseCommand('mag ik met TU Delft een project over energie starten?')).toEqual({
      command: { kind: 'check', text: 'mag ik met TU Delft een project over energie starten?' },
      language: 'nl',
    });
    expect(parseCommand('can I start a project with Deltares on water?').command.kind).toBe('check');
    expect(parseCommand('samenwerking met Gemeente Leiden over woningbouw').command.kind).toBe('check');
  });

  it('calls anything else unknown, so the caller can answer with a short help', () => {
    expect(parseCommand('wat is het weer met regen').command.kind).toBe('unknown');
    expect(parseCommand('asdf qwerty').command).toEqual({ kind: 'unknown', text: 'asdf qwerty' });
  });

  it('reads greetings, "what can you do?", thanks and goodbyes as small talk', () => {
    expect(parseCommand('good morning').command).toEqual({ kind: 'small_talk', talk: 'greeting' });
    expect(parseCommand('hallo').command).toEqual({ kind: 'small_talk', talk: 'greeting' });
    expect(parseCommand('what can you do?').command).toEqual({ kind: 'small_talk', talk: 'capabilities' });
    expect(parseCommand('wat kun je?').command).toEqual({ kind: 'small_talk', talk: 'capabilities' });
    expect(parseCommand('bedankt!').command).toEqual({ kind: 'small_talk', talk: 'thanks' });
    expect(parseCommand('doei').command).toEqual({ kind: 'small_talk', talk: 'goodbye' });
  });

  it('takes every ordinary way of asking, in Dutch and English, as the start of a check', () => {
    for (const text of [
      'Ik wil graag kennis delen met Wageningen University over zuivering',
      'Wij willen een joint venture met Shell',
      'Mogen wij met Deltares een project doen over water?',
      'is het goed als we met de gemeente een convenant sluiten',
      'we zijn van plan om met Waternet samen te werken',
      'Can I start a partnership with Shell?',
      "we'd like to partner with TU Delft",
      'is it OK to work with Deltares on flooding?',
      'samenwerking met Gemeente Leiden?',
      'samenwerkign met Evides?',
    ])
      expect(parseCommand(text).command.kind, text).toBe('check');
  });
});
