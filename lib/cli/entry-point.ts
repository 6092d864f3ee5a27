/**
 * How every command-line entry point (bin/, scripts/) ends: the exit code its main returns, or,
 * when it throws, one line `<name>: <message>` on stderr and exit 1: never a stack trace or an
 * object dump. Also catches errors thrown while the command's modules load (pass a main that
 * imports them).
 */

/** The exit code of an entry point that failed unexpectedly. */
export const ENTRY_POINT_ERROR_EXIT = 1;

/**
 * The message of anything thrown: an Error's message (also an error of another realm, which
 * is not `instanceof Error` but has a string `message`), a string, else its JSON.
 */
export function thrownMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  const message = (e as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** Where the entry point writes and how it ends. @default process.stderr and process.exitCode */
export interface EntryPointIo {
  readonly stderr: (text: string) => void;
  readonly exit: (code: number) => void;
}

const PROCESS_IO: EntryPointIo = {
  stderr: (text) => process.stderr.write(text),
  exit: (code) => { process.exitCode = code; },
};

/** Runs `main` and ends the process with its code; a throw is `name: message` and exit 1. */
export async function runEntryPoint(name: string, main: () => Promise<number> | number, io: EntryPointIo = PROCESS_IO): Promise<void> {
  try {
    io.exit(await main());
  } catch (e) {
    io.stderr(`${name}: ${thrownMessage(e)}\n`);
    io.exit(ENTRY_POINT_ERROR_EXIT);
  }
}
