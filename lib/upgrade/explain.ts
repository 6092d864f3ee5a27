/** One paragraph per finding of the gate: what would happen, to what, and the two ways out. */
import type { IntendedReplacement, PropertyChange, Violation } from './model';
import { INTENDED_FILE } from './paths';

const MAX_VALUE = 160;

/** A template value, compact and cut to a readable length. */
export function showValue(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 3)}...` : text;
}

function showChange(c: PropertyChange): string {
  return `${c.property} ${showValue(c.oldValue)} -> ${showValue(c.newValue)}`;
}

/**
 * The logical ids a replacement follows from: cdk diff's engine rewrites a reference to a
 * replaced resource as `{"Ref": "Id (replaced)"}` / `{"Fn::GetAtt": ["Id(replaced)", ...]}`.
 */
export function replacedReferences(changes: PropertyChange[]): string[] {
  const found = changes.flatMap((c) => [...(JSON.stringify(c.newValue) ?? '').matchAll(/"([A-Za-z0-9]+) ?\(replaced\)"/g)].map((m) => m[1]));
  return [...new Set(found)].sort();
}

function declaration(v: Violation): string {
  return `declare it in ${INTENDED_FILE} as {"stack": "${v.stack}", "logicalId": "${v.logicalId}", "reason": "<why this is safe>"}`;
}

/** The gate's sentence for one undeclared violation. */
export function explainViolation(v: Violation): string {
  const what = `${v.stack}: ${v.logicalId} (${v.type})`;
  switch (v.kind) {
    case 'replace': {
      const follows = replacedReferences(v.changes);
      const cause = follows.length > 0 ? ` It follows the replacement of ${follows.join(', ')}, which it refers to.` : '';
      return `${what} would be REPLACED by ${v.changes.map(showChange).join('; ')}.${cause} On replacement ${v.guard}. `
        + `Revert the change, or, if the replacement is intended, ${declaration(v)}.`;
    }
    case 'remove': {
      const renamed = v.possiblyRenamedTo.length > 0 ? ` (its logical id disappears; added in the same stack: ${v.possiblyRenamedTo.join(', ')}, a renamed logical id is a removal plus a new resource)` : '';
      return `${what} would be REMOVED${renamed}. On removal ${v.guard}. `
        + 'Keep its logical id (restore the construct id or pin it with overrideLogicalId), or set a retaining removal policy in a release before removing it, '
        + `or, if the removal is intended, ${declaration(v)}.`;
    }
    case 'service-token':
      return `${what} would change ${v.changes.map(showChange).join('; ')}: ${v.guard}. `
        + `Keep the provider's logical id and stack so the token stays the same, or, if the resource is to be recreated on purpose, ${declaration(v)}.`;
  }
}

/** The gate's sentence for a declaration that matches nothing. */
export function explainStale(d: IntendedReplacement): string {
  return `${INTENDED_FILE} declares {"stack": "${d.stack}", "logicalId": "${d.logicalId}"} (reason: ${d.reason}), but the gate finds no replacement or removal of it against the golden templates. `
    + 'Remove the entry (it is stale once the golden templates are updated after the release, or the change was reverted), or correct its stack or logical id.';
}
