// The two channel adapters look alike: the same job has the same file name on both sides, so a
// reader who knows one knows where to look in the other.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHANNELS = fileURLToPath(new URL('../../../src/channels/', import.meta.url));

/** Each job of an adapter, and its file on each side. */
const JOBS = [
  ['wires the adapter into the app', 'slack/slack-channel.ts', 'teams/teams-channel.ts'],
  ['sends what the outbox delivers', 'slack/slack-sender.ts', 'teams/teams-sender.ts'],
  ['reads an inbound payload', 'slack/parse-slack-payload.ts', 'teams/parse-teams-activity.ts'],
  ['renders a view', 'slack/render-block-kit.ts', 'teams/render-adaptive-card.ts'],
  ["names the platform's errors", 'slack/slack-errors.ts', 'teams/teams-errors.ts'],
  ["keeps to the platform's limits", 'slack/slack-limits.ts', 'teams/teams-limits.ts'],
] as const;

describe('the channel adapters', () => {
  it.each(JOBS)('%s: the same file name on both sides', (_, slack, teams) => {
    expect(existsSync(CHANNELS + slack), slack).toBe(true);
    expect(existsSync(CHANNELS + teams), teams).toBe(true);
    expect(slack.replace(/slack/g, 'X').replace(/block-kit/, 'view')).toBe(
      teams
        .replace(/teams/g, 'X')
        .replace(/adaptive-card/, 'view')
        .replace(/-activity/, '-payload'),
    );
  });
});
