import type { ChannelTexts } from '../channel-texts.js';

export const channelEn: ChannelTexts = {
  slack: {
    continuedInDm: 'I started the check in a direct message with you; we carry on there.',
    stillWorking: 'Your form was received; the answer follows here shortly.',
  },
  teams: {
    failed: 'Something went wrong on my side. Please try again in a moment.',
    notOurs: 'I do not know this card (any more). Type “help” to see what I can do.',
    channelHeading: { strategy: '#strategy-channel', allianceTeam: '#alliance-team' },
    demoChannelNote: 'In the demo this shows here: the Playground has no such channel.',
  },
  playground: { allianceTeam: 'Alliance team', groupChat: 'Group chat', strategy: 'Strategy channel' },
};
