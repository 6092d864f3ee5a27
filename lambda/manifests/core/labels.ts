/**
 * The ownership labels: what every owned object carries, and who owns a live object.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, OWNER_LABEL } from '../api';
import { ManifestInputError } from './errors';

/** A label value: at most 63 characters, alphanumerics at both ends, `-_.` inside (here not empty). */
export const OWNER_ID_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Checks an owner id (the resource's `Owner` property).
 * @throws ManifestInputError naming the value and the rule.
 */
export function checkOwnerId(owner: unknown): string {
  if (typeof owner !== 'string' || !OWNER_ID_RE.test(owner)) {
    throw new ManifestInputError(`owner id ${JSON.stringify(owner)} is not a label value: 1-63 letters, digits and -_. starting and ending with a letter or digit; the construct derives it, so pass its Owner unchanged`);
  }
  return owner;
}

/** The labels every object the resource owns carries. */
export function ownershipLabels(owner: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [OWNER_LABEL]: owner };
}

/** Whose a live object is, from its labels. */
export type Ownership =
  | { readonly owner: 'this' }
  | { readonly owner: 'none' }
  | { readonly owner: 'other'; readonly id: string };

/**
 * Who owns a live object: this resource (its owner label equals `owner`), another manifests
 * resource (another value), or nobody (no owner label: created by someone else, or by kubectl
 * before the app adopted it).
 */
export function ownershipOf(labels: Readonly<Record<string, unknown>> | undefined, owner: string): Ownership {
  const value = labels === undefined ? undefined : labels[OWNER_LABEL];
  if (value === undefined) return { owner: 'none' };
  return value === owner ? { owner: 'this' } : { owner: 'other', id: String(value) };
}

/**
 * Whether Update or Delete may remove a live object: only when its owner label carries this
 * resource's own owner id (never an object someone else created or adopted).
 */
export function mayDelete(labels: Readonly<Record<string, unknown>> | undefined, owner: string): boolean {
  return ownershipOf(labels, owner).owner === 'this';
}
