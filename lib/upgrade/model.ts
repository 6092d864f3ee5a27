/**
 * The data the upgrade gate works on: stack templates keyed by display name, the declared
 * intended replacements, and what the gate found.
 */

/** A CloudFormation template as JSON. */
export interface CfnTemplateJson {
  readonly Resources?: Record<string, CfnResourceJson>;
  readonly [key: string]: unknown;
}

/** One resource of a template. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly [key: string]: unknown;
}

/** One synthesized (or golden) stack. */
export interface StackTemplate {
  /** The stack's hierarchical id, for example `dev/Cluster` or `Pipeline`. */
  readonly displayName: string;
  readonly template: CfnTemplateJson;
}

/** One entry of the intended-replacements file. */
export interface IntendedReplacement {
  /** Display name of the stack, for example `prod/Cluster`. */
  readonly stack: string;
  /** Logical id of the resource (as in the golden template). */
  readonly logicalId: string;
  /** Why replacing (or deleting) it is safe or necessary; shown in review. */
  readonly reason: string;
}

/** What the gate objects to about one resource. */
export type ViolationKind = 'replace' | 'remove' | 'service-token';

/** One property change that causes a replacement. */
export interface PropertyChange {
  readonly property: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

/** A change the gate refuses unless it is declared. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** Why resources of this type are guarded. */
  readonly guard: string;
  /** The properties whose change replaces the resource (kind `replace`, `service-token`). */
  readonly changes: PropertyChange[];
  /** Added logical ids of the same type in the same stack: a rename is likely (kind `remove`). */
  readonly possiblyRenamedTo: string[];
}

/** The gate's verdict. */
export interface GateResult {
  /** Violations nobody declared: the gate fails. */
  readonly violations: Violation[];
  /** Violations declared in the intended-replacements file: allowed. */
  readonly declared: Array<{ readonly violation: Violation; readonly declaration: IntendedReplacement }>;
  /** Declarations that match no violation: the gate fails so they do not pile up. */
  readonly stale: IntendedReplacement[];
}
