/** The gate's verdict as text lines: undeclared violations and stale declarations first. */
import { explainStale, explainViolation } from './explain';
import type { GateResult } from './model';

/** True when the gate passes: nothing undeclared, nothing stale. */
export function gatePasses(result: GateResult): boolean {
  return result.violations.length === 0 && result.stale.length === 0;
}

/** Every line of the verdict. */
export function renderResult(result: GateResult): string[] {
  const lines: string[] = [];
  for (const v of result.violations) lines.push(`FAIL ${explainViolation(v)}`);
  for (const d of result.stale) lines.push(`FAIL ${explainStale(d)}`);
  for (const { violation, declaration } of result.declared) {
    lines.push(`declared ${violation.stack}: ${violation.logicalId} (${violation.type}) ${violation.kind}: ${declaration.reason}`);
  }
  lines.push(gatePasses(result)
    ? `upgrade gate: passed (${result.declared.length} declared replacement(s) or removal(s)).`
    : `upgrade gate: FAILED with ${result.violations.length} undeclared replacement(s) or removal(s) and ${result.stale.length} stale declaration(s).`);
  return lines;
}
