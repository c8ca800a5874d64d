// The few words a channel adapter says itself (everything else comes from the views): where a
// Slack conversation continues, a Teams failure, and the names the local Teams demo gives its
// channels.

export interface ChannelTexts {
  slack: {
    continuedInDm: string;
    stillWorking: string;
  };
  teams: {
    failed: string;
    notOurs: string;
    channelHeading: { strategy: string; allianceTeam: string };
    demoChannelNote: string;
  };
  /** The channels of the Microsoft 365 Agents Playground in the local demo. */
  playground: { allianceTeam: string; groupChat: string; strategy: string };
}
