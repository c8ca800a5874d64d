/** A problem with what the user gave us (arguments, files, input): exit 2, one line per problem. */
export class InputError extends Error {
  readonly code = 'KOERS_INPUT';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'InputError';
  }
}
