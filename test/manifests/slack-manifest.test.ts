// The Slack app manifest: the /koers command, one request URL for everything, the events Koers
// handles, the App Home, and no scope beyond the ones Koers needs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface SlackManifest {
  display_information: { name: string; description: string; long_description?: string };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot?: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[]; user_events?: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const source = readFileSync(new URL('../../manifests/slack/manifest.yaml', import.meta.url), 'utf8');
const manifest = parse(source) as SlackManifest;

/** Every scope Koers may ask for, and why (a new one is a reviewed change to this list). */
const ALLOWED_BOT_SCOPES = [
  'commands', // /koers
  'chat:write', // answers, approval requests, updates, strategy channel summaries
  'im:history', // message.im
  'im:write', // open a DM with an approver or requester
  'app_mentions:read', // app_mention
  'users:read', // names, time zones, locales
  'files:write', // the digest chart
  'users:read.email', // the directory sync: people matched by e-mail
  'users.profile:read', // the directory sync: admin-managed profile fields
];

/** The scope Slack requires before it delivers each event. */
const SCOPE_FOR_EVENT: Record<string, string | undefined> = {
  app_home_opened: undefined,
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
};

function requestUrls(m: SlackManifest): string[] {
  return [
    m.settings.event_subscriptions.request_url,
    m.settings.interactivity.request_url,
    ...m.features.slash_commands.map((c) => c.url),
  ];
}

describe('manifests/slack/manifest.yaml', () => {
  it('is the app Koers with a bot user Koers', () => {
    expect(manifest.display_information.name).toBe('Koers');
    expect(manifest.features.bot_user.display_name).toBe('Koers');
  });

  it('stays within the lengths Slack accepts for the descriptions', () => {
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
  });

  it('has the /koers slash command with a description and a usage hint naming the commands', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/koers']);
    const koers = manifest.features.slash_commands[0]!;
    expect(koers.description).toBeTruthy();
    for (const word of ['check', 'status', 'who', 'portfolio', 'help'])
      expect(koers.usage_hint).toContain(word);
  });

  it('sends events, interactivity and the slash command to https://…/slack/events', () => {
    const urls = requestUrls(manifest);
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const parsed = new URL(url);
      expect(parsed.protocol).toBe('https:');
      expect(parsed.pathname).toBe('/slack/events');
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('subscribes to exactly the bot events Koers handles, and no user events', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      Object.keys(SCOPE_FOR_EVENT).sort(),
    );
    expect(manifest.settings.event_subscriptions.user_events ?? []).toEqual([]);
  });

  it('requests no scope outside the allow-list, and no user scopes', () => {
    const scopes = manifest.oauth_config.scopes.bot ?? [];
    expect(scopes.filter((s) => !ALLOWED_BOT_SCOPES.includes(s))).toEqual([]);
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });

  it('requests the scope each subscribed event and the slash command need', () => {
    const scopes = manifest.oauth_config.scopes.bot ?? [];
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      const needed = SCOPE_FOR_EVENT[event];
      if (needed) expect(scopes).toContain(needed);
    }
    expect(scopes).toContain('commands');
    expect(scopes).toContain('chat:write');
  });

  it('enables the App Home tab and the Messages tab people can write in', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('runs over HTTP by default, and says how to switch to Socket Mode', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(source).toMatch(/SLACK_APP_TOKEN/);
  });
});
