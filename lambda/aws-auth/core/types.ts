/** Types shared by the pure aws-auth merge core and its callers. */
import type { RoleMapping, UserMapping } from '../api';

/**
 * What the core reads and writes of `kube-system/aws-auth`: its `data` and its
 * `metadata.annotations`. An absent ConfigMap is `{ data: {}, annotations: {} }`.
 */
export interface ConfigMapState {
  /** `data` of the ConfigMap; `mapRoles`, `mapUsers`, `mapAccounts` are YAML strings. */
  readonly data: Record<string, string>;
  /** `metadata.annotations` of the ConfigMap. */
  readonly annotations: Record<string, string>;
}

/** The entries one owner wants in aws-auth, normalized by `validateDesired`. */
export interface DesiredEntries {
  /** Role mappings; `rolearn` without IAM path, sorted by role key. */
  readonly mapRoles: RoleMapping[];
  /** User mappings, sorted by user ARN (as written; two ARNs that differ only in case are one principal). */
  readonly mapUsers: UserMapping[];
  /** Account ids for `mapAccounts`, sorted. */
  readonly mapAccounts: string[];
}

/** Safety switches of a merge (resource properties `AllowClusterAdmin`, `TakeOverUnowned`). */
export interface MergeOptions {
  /** Allow mappings to the `system:masters` group. */
  readonly allowClusterAdmin: boolean;
  /**
   * Replace an unowned entry for the same principal that maps it differently, instead of
   * failing. Node-role entries are never taken over.
   */
  readonly takeOverUnowned: boolean;
}

/** What happened to one entry. */
export type ChangeAction = 'added' | 'changed' | 'removed' | 'adopted' | 'collapsed';

/** The three kinds of aws-auth entries. */
export type EntryKind = 'role' | 'user' | 'account';

/** One change of an aws-auth entry, for logs and the dry-run plan. */
export interface EntryChange {
  /** Which list the entry lives in. */
  readonly kind: EntryKind;
  /** Role key (normalized, lower-cased ARN), user key (lower-cased ARN), or account id. */
  readonly key: string;
  /** What happened. */
  readonly action: ChangeAction;
  /** The entry before (as stored), when there was one. */
  readonly before?: unknown;
  /** The entry after (as rendered), when there is one. */
  readonly after?: unknown;
}

/** Outcome of `applyOwner` / `removeOwner`. */
export interface MergeResult {
  /** False when nothing changed: `state` is then the input object and nothing must be written. */
  readonly changed: boolean;
  /** The ConfigMap data and annotations to write. */
  readonly state: ConfigMapState;
  /** Entry-level changes, in data-key order (roles, users, accounts). */
  readonly changes: EntryChange[];
  /** How many entries the owner holds after the operation. */
  readonly owned: { roles: number; users: number; accounts: number };
}

/** Why a stored entry differs from what the owners record says. */
export type DriftKind = 'edited' | 'deleted' | 'duplicate';

/** A difference between aws-auth and the owners record, found by `planOwner`. */
export interface DriftItem {
  /** Which list. */
  readonly kind: EntryKind;
  /** The entry key. */
  readonly key: string;
  /**
   * `edited`: an owned entry differs from the owners record (edited by hand);
   * `deleted`: an owned entry is missing (deleted by hand);
   * `duplicate`: the principal appears more than once (for example eksctl re-runs).
   */
  readonly drift: DriftKind;
  /** Owners recording the key (empty for an unowned duplicate). */
  readonly owners: string[];
  /** What the owners record expects, when owned. */
  readonly expected?: unknown;
  /** What aws-auth holds (the entries for the key, in order). */
  readonly actual?: unknown[];
}

/** Result of `planOwner`: what `applyOwner` would change, and drift found on the way. */
export interface PlanResult {
  /** The changes `applyOwner` would make. */
  readonly changes: EntryChange[];
  /** Drift between aws-auth and the owners record. */
  readonly drift: DriftItem[];
}
