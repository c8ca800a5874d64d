// The channel contract (scenarios.ts) against the Teams channel, driven with Bot Framework activities against the fake Bot Connector.
import { channelContract } from './scenarios.js';

channelContract('teams');
