/**
 * Create-only properties nested inside a property: `AWS::EKS::Cluster`'s
 * `AccessConfig.BootstrapClusterCreatorAdminPermissions`, `ResourcesVpcConfig.SubnetIds`,
 * `KubernetesNetworkConfig.ServiceIpv4Cidr`. The engine of `cdk diff` judges replacement per
 * top-level property only, so a change inside `AccessConfig` shows as an update there; this
 * walks the same CloudFormation specification (@aws-cdk/aws-service-spec, the database that
 * engine loads) into the property's type definitions. A nested create-only property that is
 * added, removed or changed counts as a replacement: CloudFormation compares template values
 * and does not know the service's default. Where a value is an intrinsic (`Fn::If`, `Ref`) the
 * walk cannot look inside, so any create-only property below it counts as possibly replaced.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { deepEqual } from '@aws-cdk/cloudformation-diff';
import type { PropertyChange } from './model';

/** The parts of the specification's property types that the walk reads. */
type SpecType =
  | { readonly type: 'ref'; readonly reference: { readonly $ref: string } }
  | { readonly type: 'array' | 'map'; readonly element: SpecType }
  | { readonly type: 'union'; readonly types: SpecType[] }
  | { readonly type: string };

interface SpecProperty {
  readonly type: SpecType;
  readonly causesReplacement?: 'yes' | 'no' | 'maybe';
}

interface SpecDefinition {
  readonly properties: Readonly<Record<string, SpecProperty>>;
}

/** What the walk needs from the specification database. */
export interface ResourceSpec {
  /** A resource type's top-level properties, or undefined for an unknown type. */
  readonly resourceProperties: (cfnType: string) => Readonly<Record<string, SpecProperty>> | undefined;
  /** A type definition by reference. */
  readonly definition: (ref: string) => SpecDefinition;
}

let loaded: ResourceSpec | undefined;

/** The specification @aws-cdk/cloudformation-diff uses, loaded once. */
export function awsResourceSpec(): ResourceSpec {
  if (!loaded) {
    const db = loadAwsServiceSpecSync();
    loaded = {
      resourceProperties: (cfnType) => (db.lookup('resource', 'cloudFormationType', 'equals', cfnType)[0] as unknown as SpecDefinition | undefined)?.properties,
      definition: (ref) => db.get('typeDefinition', ref) as unknown as SpecDefinition,
    };
  }
  return loaded;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  && !Object.keys(v).some((k) => k === 'Ref' || k.startsWith('Fn::'));

const replaces = (p: SpecProperty): boolean => p.causesReplacement === 'yes' || p.causesReplacement === 'maybe';

/** Nested create-only properties of `property` of a `cfnType` resource that differ between the values. */
export function nestedReplacements(cfnType: string, property: string, oldValue: unknown, newValue: unknown, spec: ResourceSpec = awsResourceSpec()): PropertyChange[] {
  const top = spec.resourceProperties(cfnType)?.[property];
  if (!top || replaces(top)) return [];
  const found: PropertyChange[] = [];
  walk(spec, top.type, property, oldValue, newValue, found);
  return found;
}

function walk(spec: ResourceSpec, type: SpecType, at: string, oldValue: unknown, newValue: unknown, found: PropertyChange[]): void {
  if (deepEqual(oldValue, newValue)) return;
  if (type.type === 'ref' && 'reference' in type) {
    const definition = spec.definition(type.reference.$ref);
    const [o, n] = [oldValue ?? {}, newValue ?? {}];
    if (!isPlainObject(o) || !isPlainObject(n)) {
      if (containsCreateOnly(spec, type, new Set())) found.push({ property: at, oldValue, newValue });
      return;
    }
    for (const key of [...new Set([...Object.keys(o), ...Object.keys(n)])].sort()) {
      const p = definition.properties[key];
      if (!p || deepEqual(o[key], n[key])) continue;
      if (replaces(p)) found.push({ property: `${at}.${key}`, oldValue: o[key], newValue: n[key] });
      else walk(spec, p.type, `${at}.${key}`, o[key], n[key], found);
    }
    return;
  }
  if (type.type === 'array' && 'element' in type) {
    const [o, n] = [oldValue ?? [], newValue ?? []];
    if (Array.isArray(o) && Array.isArray(n) && o.length === n.length) {
      o.forEach((item: unknown, i) => walk(spec, type.element, `${at}[${i}]`, item, n[i], found));
    } else if (containsCreateOnly(spec, type.element, new Set())) {
      found.push({ property: at, oldValue, newValue });
    }
  }
}

function containsCreateOnly(spec: ResourceSpec, type: SpecType, seen: Set<string>): boolean {
  if (type.type === 'ref' && 'reference' in type) {
    if (seen.has(type.reference.$ref)) return false;
    seen.add(type.reference.$ref);
    return Object.values(spec.definition(type.reference.$ref).properties).some((p) => replaces(p) || containsCreateOnly(spec, p.type, seen));
  }
  if ('element' in type) return containsCreateOnly(spec, type.element, seen);
  if ('types' in type) return type.types.some((t) => containsCreateOnly(spec, t, seen));
  return false;
}
