// The channel contract (scenarios.ts) against the Slack channel, driven over signed HTTP against the fake Slack Web API.
import { channelContract } from './scenarios.js';

channelContract('slack');
