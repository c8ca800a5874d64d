import { describe, expect, it } from 'vitest';
import { parseFreeText } from '../../../src/conversation/parse-free-text.js';
import { readPartner } from '../../../src/conversation/understanding/partner-name.js';
import { strategy } from './fixtures.js';

describe('parseFreeText', () => {
  it.each([
    [
      'mag ik met TU Delft een project over energie starten?',
      { partnerName: 'TU Delft', intensity: 'project', priority: 'energy-transition' },
    ],
    [
      'can I start a project with Deltares on water?',
      { partnerName: 'Deltares', intensity: 'project', priority: 'climate-water' },
    ],
    [
      'samenwerking met Gemeente Leiden over woningbouw',
      { partnerName: 'Gemeente Leiden', priority: 'housing' },
    ],
    [
      'met Hoogheemraadschap van Rijnland een programma van 2 jaar voor € 25.000',
      { partnerName: 'Hoogheemraadschap van Rijnland', intensity: 'programme', months: 24, budget: 25000 },
    ],
    [
      'kennisuitwisseling met de TU Eindhoven over stikstof',
      { partnerName: 'TU Eindhoven', intensity: 'exchange', priority: 'nature' },
    ],
    [
      'a knowledge exchange with Wageningen University for 6 months',
      { partnerName: 'Wageningen University', intensity: 'exchange', months: 6 },
    ],
    [
      'strategic alliance with "Port of Rotterdam" on hydrogen, 25000 euro',
      {
        partnerName: 'Port of Rotterdam',
        intensity: 'alliance',
        priority: 'energy-transition',
        budget: 25000,
      },
    ],
    [
      'een alliantie met Gemeente Gouda, 12,5k, een half jaar',
      { partnerName: 'Gemeente Gouda', intensity: 'alliance', budget: 12500, months: 6 },
    ],
    ['project met Westland B.V.', { partnerName: 'Westland B.V.', intensity: 'project' }],
    ['met Énergie Québec over warmte', { partnerName: 'Énergie Québec', priority: 'energy-transition' }],
  ])('pre-fills %j', (text, guess) => {
    expect(parseFreeText(strategy, text)).toEqual(guess);
  });

  it('never guesses a partner type', () => {
    const guess = parseFreeText(
      strategy,
      'mag ik met een commerciële partij als Shell een project over waterstof doen?',
    );
    expect(guess).not.toHaveProperty('partnerType');
  });

  it('leaves out what is ambiguous', () => {
    expect(parseFreeText(strategy, 'met Deltares over water en energie')).toEqual({
      partnerName: 'Deltares',
    });
    expect(parseFreeText(strategy, 'een project binnen een programma met Deltares')).toEqual({
      partnerName: 'Deltares',
    });
  });

  it('does not read a partner name out of the priority or intensity words in it', () => {
    expect(parseFreeText(strategy, 'met Stichting Wonen Leiden')).toEqual({
      partnerName: 'Stichting Wonen Leiden',
    });
  });

  it('ends a partner name where the sentence goes on, and keeps the linking words of a name', () => {
    const name = (t: string) => parseFreeText(strategy, t).partnerName;
    expect(name('mag ik met Greenpeace Nederland kennis delen over water?')).toBe('Greenpeace Nederland');
    expect(name('mag ik met het Rijksinstituut voor Volksgezondheid en Milieu samenwerken?')).toBe(
      'Rijksinstituut voor Volksgezondheid en Milieu',
    );
    expect(name('we would like to work with Partners for Water on flooding')).toBe('Partners for Water');
    expect(name('mag ik met Arcadis Nederland B.V. een project doen voor 45k')).toBe(
      'Arcadis Nederland B.V.',
    );
    expect(name('mag ik met een ingenieursbureau een pilot doen?')).toBeUndefined();
  });

  it('asks which partner is meant when the register knows a part of a name joined by "en"', () => {
    const known = (n: string) => ['tu delft', 'deltares'].includes(n.toLowerCase());
    expect(parseFreeText(strategy, 'mag ik met TU Delft en Deltares een project doen?', known)).toMatchObject(
      {
        partnerChoices: ['TU Delft en Deltares', 'TU Delft', 'Deltares'],
        intensity: 'project',
      },
    );
    expect(parseFreeText(strategy, 'mag ik met TU Delft en Deltares een project doen?').partnerName).toBe(
      'TU Delft en Deltares',
    );
  });

  it('stops a partner name at a number or a question mark', () => {
    expect(readPartner('met Deltares 6 maanden')?.name).toBe('Deltares');
    expect(readPartner('samenwerken met TNO?')?.name).toBe('TNO');
    expect(readPartner('geen partner hier')).toBeNull();
  });
});
