export const reviewNl = {
  title: 'Tijd voor een evaluatie',
  intro: (partner: string, priority: string, due: string) =>
    `De samenwerking met ${partner} (${priority}) is toe aan haar evaluatie (${due}). Hoe staat ze ervoor?`,
  exploration: 'verkenning',
  facts: { intensity: 'Intensiteit', budget: 'Budget', since: 'Sinds' },
  outcome: 'Hoe verder?',
  outcomes: { continue: 'Voortzetten', adjust: 'Bijstellen', end: 'Beëindigen' },
  outcomeHints: {
    continue: 'Loopt goed; zo doorgaan',
    adjust: 'Doorgaan, maar anders (doel, intensiteit of budget)',
    end: 'Stoppen; de samenwerking gaat uit het register als beëindigd',
  },
  delivered: 'Wat heeft ze opgeleverd?',
  deliveredHint: 'Resultaten en toegevoegde waarde, in een paar zinnen',
  rating: 'Bijdrage aan de prioriteit (1 = weinig, 5 = veel)',
  submit: 'Evaluatie opslaan',
  context: 'Uw antwoord komt in de wekelijkse portfoliodigest van het alliantieteam.',
  listTitle: 'Tijd voor evaluaties',
  listIntro: (n: number) => `${n} van uw samenwerkingen zijn toe aan hun evaluatie. Hoe staan ze ervoor?`,
  listLine: (partner: string, due: string) => `${partner} (evaluatie ${due})`,
  open: 'Evalueren',
  more: (n: number) => `Nog ${n} volgen een van de komende dagen.`,
};
