/**
 * Config validation errors. Every problem names the environment, the field path, the value
 * given and how to fix it; all problems of a run are reported together so that one synth shows
 * everything that needs fixing.
 */
export interface ConfigProblem {
  /** Environment name (or `<unnamed>`). */
  readonly env: string;
  /** Field path, for example `people[1].groups[0]`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Renders one problem as a single line. */
export function formatProblem(p: ConfigProblem): string {
  return `[${p.env}] ${p.field} = ${renderValue(p.value)}: ${p.message}`;
}

function renderValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  const s = JSON.stringify(value);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** Where the environments are declared: the file a user edits to fix an environment problem. */
export const ENVIRONMENTS_SOURCE = 'lib/config/environments.ts';

/** Thrown by validation with every problem found. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly ConfigProblem[], source = ENVIRONMENTS_SOURCE) {
    super(`Invalid environment config (${source}), ${problems.length} problem(s):\n` + problems.map((p) => `  - ${formatProblem(p)}`).join('\n'));
    this.name = 'ConfigValidationError';
  }
}

/** Collects problems for one environment. */
export class ProblemCollector {
  readonly problems: ConfigProblem[] = [];
  constructor(private readonly env: string) {}

  add(field: string, value: unknown, message: string): void {
    this.problems.push({ env: this.env, field, value, message });
  }
}
