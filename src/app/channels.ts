// The chat channels Koers serves. Each returns null when it is not configured (Teams is always
// there: the Playground and local tests speak Bot Framework on loopback).
import { createSlackChannel } from '../channels/slack/slack-channel.js';
import { createTeamsChannel } from '../channels/teams/teams-channel.js';
import type { ChannelFactory } from './create-app.js';

export const CHANNELS: ChannelFactory[] = [createSlackChannel, createTeamsChannel];
