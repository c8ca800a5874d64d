import type { ChannelTexts } from '../channel-texts.js';

export const channelNl: ChannelTexts = {
  slack: {
    continuedInDm: 'Ik heb de toets in een privébericht met u gestart; daar gaan we verder.',
    stillWorking: 'Uw formulier is ontvangen; het antwoord volgt hier zo.',
  },
  teams: {
    failed: 'Er ging iets mis aan mijn kant. Probeer het zo nog eens.',
    notOurs: 'Deze kaart ken ik niet (meer). Typ “help” voor wat ik kan.',
    channelHeading: { strategy: '#strategiekanaal', allianceTeam: '#alliantieteam' },
    demoChannelNote: 'In de demo staat dit hier: de Playground heeft dit kanaal niet.',
  },
  playground: { allianceTeam: 'Alliantieteam', groupChat: 'Groepschat', strategy: 'Strategiekanaal' },
};
