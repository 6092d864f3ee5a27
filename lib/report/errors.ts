/**
 * The ways the access report can fail before it has a result: the caller asked for something
 * malformed (usage), an input could not be read or built (I/O), or an input file is malformed
 * (the acknowledgements). All exit 1 (`ExitCode.error`).
 */

/** What went wrong, for the exit status and the message prefix. */
export type AccessReportErrorKind = 'usage' | 'io' | 'input';

/** An error the CLI reports as one line on stderr with exit status 1 (no stack trace). */
export class AccessReportError extends Error {
  /** `usage` for bad arguments, `io` for unreadable assemblies and failed checkouts or synths, `input` for a malformed input file. */
  readonly kind: AccessReportErrorKind;

  constructor(kind: AccessReportErrorKind, message: string) {
    super(message);
    this.name = 'AccessReportError';
    this.kind = kind;
  }
}
