// `koers check`: one proposal, one JSON verdict on stdout, exit 0 for
// any verdict; exit 2 with one line per problem for bad input.
import { checkProposal } from '../../domain/check/check-proposal.js';
import { parseProposal } from '../../domain/check/proposal.js';
import { EMPTY_PORTFOLIO, indexPortfolio } from '../../domain/portfolio/portfolio-view.js';
import { formatIssue } from '../../domain/strategy/strategy-issues.js';
import { LOCALES, type Locale } from '../../domain/strategy/strategy-schema.js';
import { readPortfolioCsv } from '../../portfolio/read-register-csv.js';
import { loadStrategyFile, readTextFile } from '../../strategy-file/load-strategy-file.js';
import { InputError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { USAGE } from '../command-usage.js';
import { parseCommandArgs, usageLines } from '../parse-command-args.js';

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(USAGE.check, args);
  const problems: string[] = [];
  if (!values.strategy) problems.push('--strategy is required');
  if (!values.proposal) problems.push('--proposal is required (a file, or - for stdin)');
  if (values.lang !== undefined && !(LOCALES as readonly string[]).includes(values.lang)) {
    problems.push(`--lang must be nl or en, not "${values.lang}"`);
  }
  if (problems.length > 0) throw new InputError([...problems, ...usageLines(USAGE.check)]);

  const strategy = loadStrategyFile(values.strategy as string);
  const source = values.proposal === '-' ? 'stdin' : (values.proposal as string);
  const text = values.proposal === '-' ? await io.readStdin() : readTextFile(source, 'proposal');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError([`${source}: the proposal is not valid JSON (${(err as Error).message})`]);
  }
  const parsed = parseProposal(raw, strategy);
  if (!parsed.ok)
    throw new InputError(
      parsed.issues.map(
        (i) => `${source}: ${formatIssue({ ...i, path: i.path ? `proposal.${i.path}` : 'proposal' })}`,
      ),
    );

  let portfolio = EMPTY_PORTFOLIO;
  if (values.portfolio) {
    const csv = readPortfolioCsv(readTextFile(values.portfolio, 'portfolio'));
    if (!csv.ok) throw new InputError(csv.problems.map((p) => `${values.portfolio}: ${p}`));
    portfolio = indexPortfolio(csv.relationships);
  }
  const nameOf = new Map(strategy.people.map((p) => [p.id, p.name]));
  const result = checkProposal(strategy, parsed.proposal, portfolio, {
    locale: values.lang as Locale | undefined,
    nameOf: (id) => nameOf.get(id) ?? id,
  });
  io.out(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
