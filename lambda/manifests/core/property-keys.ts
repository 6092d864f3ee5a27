/**
 * The property keys of a new declaration (Create, and an Update's new properties), checked
 * against the contract (lambda/manifests/api.ts) before anything is read: a construct that
 * renamed or dropped a property must fail, not be read as "no objects" (which on an Update would
 * prune every object the old properties declared). Old properties (an Update's old ones, a
 * Delete's) are not checked this way: a release that renames a key must still be able to read
 * and remove what an earlier one declared.
 */
import { ManifestInputError } from './errors';

/** The key CloudFormation adds to every custom resource's properties. */
export const SERVICE_TOKEN_KEY = 'ServiceToken';

/** The keys a resource type takes: every key it may carry, and those it must. */
export interface PropertyKeys {
  /** How messages name the resource type, for example `Custom::EksAccessManifests`. */
  readonly resourceType: string;
  /** Every key the type takes ({@link SERVICE_TOKEN_KEY} is always allowed). */
  readonly allowed: readonly string[];
  /** The keys it must carry. */
  readonly required: readonly string[];
}

/**
 * Refuses a property key the type does not take and a required key that is missing.
 * @throws ManifestInputError naming every such key, the keys the type takes and the fix.
 */
export function checkPropertyKeys(properties: Readonly<Record<string, unknown>> | undefined, keys: PropertyKeys): void {
  const given = Object.keys(properties ?? {});
  const unknown = given.filter((k) => k !== SERVICE_TOKEN_KEY && !keys.allowed.includes(k));
  const missing = keys.required.filter((k) => !given.includes(k));
  if (unknown.length === 0 && missing.length === 0) return;
  const problems = [
    ...missing.map((k) => `property ${k} is missing`),
    ...unknown.map((k) => `property ${k} is not one it takes`),
  ];
  throw new ManifestInputError(`${keys.resourceType}: ${problems.join('; ')} (it takes ${keys.allowed.join(', ')}; ${keys.required.join(', ')} required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app`);
}
