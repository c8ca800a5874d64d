// The command line's errors and exit codes. InputError is shared with the strategy file reader,
// which the server uses too, so it lives beside the config at the root of src/.
export { InputError } from '../input-error.js';

export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
