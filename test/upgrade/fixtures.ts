/**
 * Planted changes for the gate's tests: copies of the committed golden templates (never the
 * files themselves), and lookups of logical ids by type and properties (no hashed id is spelled
 * in a test).
 */
import * as path from 'path';
import { readGolden } from '../../lib/upgrade/golden';
import type { CfnResourceJson, CfnTemplateJson, StackTemplate } from '../../lib/upgrade/model';
import { GOLDEN_DIR } from '../../lib/upgrade/paths';

/** The app's root. */
export const ROOT = path.join(__dirname, '..', '..');

/** A mutable resource of a copied template. */
export interface MutableResource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  [key: string]: unknown;
}

/** The committed golden templates, read once. */
const GOLDEN: StackTemplate[] = readGolden(path.join(ROOT, GOLDEN_DIR));

/** The golden templates (what is deployed). */
export function golden(): StackTemplate[] {
  return GOLDEN;
}

/** A deep copy of the golden templates, to plant changes in. */
export function copyOfGolden(): StackTemplate[] {
  return structuredClone(GOLDEN) as StackTemplate[];
}

/** The template of `stack` in `stacks`. */
export function templateOf(stacks: StackTemplate[], stack: string): CfnTemplateJson & { Resources: Record<string, MutableResource> } {
  const found = stacks.find((s) => s.displayName === stack);
  if (!found) throw new Error(`no stack ${stack} among ${stacks.map((s) => s.displayName).join(', ')}`);
  return found.template as CfnTemplateJson & { Resources: Record<string, MutableResource> };
}

/** The only logical id of `type` in `stack` matching `where`. */
export function logicalIdOf(stacks: StackTemplate[], stack: string, type: string, where: (r: CfnResourceJson) => boolean = () => true): string {
  const ids = Object.entries(templateOf(stacks, stack).Resources).filter(([, r]) => r.Type === type && where(r)).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} in ${stack}, found ${ids.length}: ${ids.join(', ')}`);
  return ids[0];
}

/** The resource `logicalId` of `stack` in `stacks`, to mutate. */
export function resourceOf(stacks: StackTemplate[], stack: string, logicalId: string): MutableResource {
  return templateOf(stacks, stack).Resources[logicalId];
}

/** Renames a logical id (a construct id or path change does this). */
export function renameLogicalId(stacks: StackTemplate[], stack: string, from: string, to: string): void {
  const resources = templateOf(stacks, stack).Resources;
  resources[to] = resources[from];
  delete resources[from];
}
