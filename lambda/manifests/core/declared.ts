/** The declared set of a resource, from its raw properties (untrusted input, checked here). */
import { ManifestsProps } from '../api';
import { checkOwnerId } from './labels';
import { parseJsonList, validateObjects, validatePatches } from './objects';
import type { DeclaredSet } from './types';

/**
 * Checks the owner id, the objects and the patches of a resource's properties.
 * @throws ManifestInputError naming the property or item, the value and the fix.
 */
export function declaredSetOf(properties: Readonly<Record<string, unknown>> | undefined): DeclaredSet {
  const p = properties ?? {};
  const owner = checkOwnerId(p[ManifestsProps.owner]);
  const objects = validateObjects(parseJsonList(ManifestsProps.objects, p[ManifestsProps.objects]), owner);
  const patches = validatePatches(parseJsonList(ManifestsProps.patches, p[ManifestsProps.patches]), objects);
  return { owner, objects, patches };
}
