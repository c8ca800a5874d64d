// What each `koers` command takes, in one place: `koers COMMAND --help` prints it, `koers --help`
// lists the summaries, and every command parses its flags from it (parse-command-args.ts), so
// the help cannot list a flag the command does not take, or leave one out.

export interface FlagUsage {
  type: 'string' | 'boolean';
  /** What a string flag's value is, as the synopsis writes it: `FILE`, `csv|json`. */
  value?: string;
  help: string;
}

export interface CommandUsage {
  /** Each form of the command line, without `koers `. */
  synopsis: readonly string[];
  /** One line, for `koers --help`. */
  summary: string;
  /** Positional arguments with one line each; a command without them takes none. */
  args?: ReadonlyArray<readonly [name: string, help: string]>;
  flags: Readonly<Record<string, FlagUsage>>;
  /** Lines after the flags: exit codes, where configuration comes from. */
  notes?: readonly string[];
}

const STRATEGY = {
  type: 'string',
  value: 'FILE',
  help: 'the strategy file (default: KOERS_STRATEGY, else config/strategy.yaml, else the bundled example)',
} as const;
const DATABASE = {
  type: 'string',
  value: 'URL',
  help: 'sqlite:PATH or postgres://… (default: KOERS_DATABASE_URL, else sqlite:data/koers.db)',
} as const;
const STORE_NOTE = 'Brings the database schema up to date first.';

export const USAGE = {
  serve: {
    synopsis: ['serve [--playground]'],
    summary: 'run the bot server',
    flags: {
      playground: {
        type: 'boolean',
        help: 'also start the Microsoft 365 Agents Playground with the demo data (ignored when platform credentials are set)',
      },
    },
    notes: [
      'Configuration comes from the environment (PORT, KOERS_STRATEGY, KOERS_DATABASE_URL, SLACK_*, MicrosoftApp*, LOG_LEVEL).',
      'A bad variable or an invalid strategy stops the start with every problem listed (exit 2).',
    ],
  },
  check: {
    synopsis: ['check --strategy FILE --proposal FILE|- [--portfolio CSV] [--lang nl|en]'],
    summary: 'check one proposal against the strategy (the verdict as JSON)',
    flags: {
      strategy: { type: 'string', value: 'FILE', help: 'the strategy file (required)' },
      proposal: { type: 'string', value: 'FILE|-', help: 'the proposal as JSON (required; - reads stdin)' },
      portfolio: {
        type: 'string',
        value: 'CSV',
        help: 'the existing relationships (partner,partner_type,priority,intensity,owner,status)',
      },
      lang: {
        type: 'string',
        value: 'nl|en',
        help: "the messages' language (default: the strategy's locale)",
      },
    },
    notes: ['Exit 0 for any verdict; 2 for a broken strategy or an invalid proposal.'],
  },
  validate: {
    synopsis: ['validate STRATEGY_FILE'],
    summary: 'validate a strategy file',
    args: [['STRATEGY_FILE', 'the strategy file (YAML)']],
    flags: {},
    notes: ['Exit 0 when it is valid; 2 with every problem, its path and its line.'],
  },
  schema: {
    synopsis: ['schema'],
    summary: 'print the JSON Schema of the strategy file',
    flags: {},
  },
  import: {
    synopsis: ['import CSV [--skip-bad] [--dry-run] [--encoding NAME] [--strategy FILE] [--database URL]'],
    summary: 'import a relationship register',
    args: [
      [
        'CSV',
        'partner,partner_type,priority,intensity,owner,status[,unit,budget,months,start,end,review_due]',
      ],
    ],
    flags: {
      'skip-bad': {
        type: 'boolean',
        help: 'import the good rows and list the bad ones (default: all or nothing)',
      },
      'dry-run': { type: 'boolean', help: 'validate against the strategy, write nothing' },
      encoding: { type: 'string', help: "the file's character set when it is not UTF-8 (e.g. windows-1252)" },
      strategy: STRATEGY,
      database: DATABASE,
    },
    notes: ['Duplicates (same partner and owner) are skipped and reported.', STORE_NOTE],
  },
  'import-people': {
    synopsis: ['import-people CSV [--dry-run] [--encoding NAME] [--strategy FILE] [--database URL]'],
    summary: 'import the people directory',
    args: [
      [
        'CSV',
        'id,name,role[,unit,reports_to,email,slack_id,teams_id,language,absent_from,absent_until,delegate,notify]',
      ],
    ],
    flags: {
      'dry-run': { type: 'boolean', help: 'check every row, write nothing' },
      encoding: { type: 'string', help: "the file's character set when it is not UTF-8 (e.g. windows-1252)" },
      strategy: STRATEGY,
      database: DATABASE,
    },
    notes: ['Every row or none.', STORE_NOTE],
  },
  'sync-people': {
    synopsis: ['sync-people [--dry-run] [--force] [--strategy FILE] [--database URL]'],
    summary: "bring the people in from the organisation's directory",
    flags: {
      'dry-run': { type: 'boolean', help: 'read the directory and print what would change; write nothing' },
      force: {
        type: 'boolean',
        help: 'deactivate the people gone from the directory even when they are more than a tenth of them',
      },
      strategy: STRATEGY,
      database: DATABASE,
    },
    notes: [
      "The strategy's directory: section says where from: source entra (Microsoft Graph, with MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId) or slack (SLACK_BOT_TOKEN).",
      'Prints one line per person added, changed, raised to a higher role and deactivated.',
      'Exit 2 when the directory is not configured or cannot be read.',
      STORE_NOTE,
    ],
  },
  export: {
    synopsis: [
      'export [--format csv|json] [--output FILE] [--database URL]',
      'export --cases [--format json|csv] [--since DATE] [--output FILE] [--database URL]',
      'export --people [--format json|csv] [--output FILE] [--database URL]',
    ],
    summary: 'write the register, or with --cases every case and its decisions, or with --people the people',
    flags: {
      cases: {
        type: 'boolean',
        help: 'every case instead: its proposal, verdict, route, state, people and decisions (the audit trail)',
      },
      people: {
        type: 'boolean',
        help: 'the people as Koers knows them instead: id, name, email, role, unit, reports-to, Slack id, Teams id, language, absence, active',
      },
      format: {
        type: 'string',
        value: 'csv|json',
        help: 'the output format (default: csv for the register, json with --cases or --people)',
      },
      since: {
        type: 'string',
        value: 'DATE',
        help: 'with --cases: only cases created on or after DATE (YYYY-MM-DD, from 00:00 UTC)',
      },
      output: {
        type: 'string',
        value: 'FILE',
        help: 'write to FILE, which appears only when complete (default: stdout)',
      },
      database: DATABASE,
    },
    notes: [
      "CSV cells that start with = + - @ get a leading ' so a spreadsheet never runs them.",
      'With --cases, CSV has one row per case and its decisions in one cell; confidential partners are named.',
      STORE_NOTE,
    ],
  },
  digest: {
    synopsis: [
      'digest --preview [--running] [--format text|json] [--lang nl|en] [--chart FILE] [--strategy FILE] [--database URL]',
      'digest --send [--strategy FILE] [--database URL]',
    ],
    summary: 'the weekly portfolio digest',
    flags: {
      preview: { type: 'boolean', help: 'print the digest of the last completed period' },
      running: {
        type: 'boolean',
        help: 'with --preview: the running period instead, from its start up to now (claims nothing)',
      },
      send: {
        type: 'boolean',
        help: 'post it to the alliance team channel now, once per period (no server needed)',
      },
      format: {
        type: 'string',
        value: 'text|json',
        help: 'with --preview: the output format (default: text)',
      },
      lang: {
        type: 'string',
        value: 'nl|en',
        help: "with --preview: the language (default: the strategy's locale)",
      },
      chart: { type: 'string', value: 'FILE', help: 'with --preview: also write the portfolio chart as PNG' },
      strategy: STRATEGY,
      database: DATABASE,
    },
    notes: [
      'Exit 1 when a platform could not be posted to (the reason is printed; the post waits in the outbox).',
      STORE_NOTE,
    ],
  },
  migrate: {
    synopsis: ['migrate [--database URL]'],
    summary: 'bring the database schema up to date',
    flags: { database: DATABASE },
  },
  audit: {
    synopsis: ['audit verify [--database URL]'],
    summary: "check the audit log's hash chain",
    args: [['verify', 'walk the chain; exit 0 when intact, 1 naming the first row that does not fit']],
    flags: { database: DATABASE },
  },
} as const satisfies Record<string, CommandUsage>;

export type CommandName = keyof typeof USAGE;
