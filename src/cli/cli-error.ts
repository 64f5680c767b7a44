/** A bad-input failure of a CLI command: printed as one line, exit code 1. */
export class CliError extends Error {}
