/**
 * The whole default app: every environment of lib/config/environments.ts, synthesized once the
 * way `cdk synth` does it. Gates: zero cdk-nag findings, nothing but the merge resource touches
 * aws-auth, and no cluster-admin access entry beyond what the app needs.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Stack } from 'aws-cdk-lib';
import * as YAML from 'yaml';
import { AWS_AUTH_RESOURCE_TYPE, WRITER_GROUP } from '../../lambda/aws-auth/api';
import { MANIFESTS_HANDLER_DESCRIPTION, MANIFESTS_USERNAME_PREFIX } from '../../lambda/manifests/api';
import { leanMetadata } from '../../lib/app';
import { ENVIRONMENTS } from '../../lib/config/environments';
import { AWS_AUTH_HANDLER_DESCRIPTION } from '../../lib/constructs/aws-auth/aws-auth-provider';
import { PLACEHOLDER_GUARD_RULE_ID } from '../../lib/constructs/placeholder-guard';
import { Groups } from '../../lib/k8s/groups';
import { readNagFindings } from '../../lib/nag/report';
import { allTemplates, getAtt, renderString, resourcesOfType, synthDefaultApp } from '../util';
import type { AssemblyTemplate, CfnResource, SynthesizedDefaultApp, TemplateJson } from '../util';

let synthesized: SynthesizedDefaultApp;
let templates: AssemblyTemplate[];

beforeAll(() => {
  synthesized = synthDefaultApp();
  templates = allTemplates(synthesized.assembly);
});

afterAll(() => {
  if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
});

/** The template of one stack of the default app. */
function templateOf(stack: Stack): TemplateJson {
  const found = templates.find((t) => t.path === stack.node.path);
  if (!found) throw new Error(`no template for ${stack.node.path}`);
  return found.template;
}

// ---------------------------------------------------------------------------------------------
// The aws-auth scan
// ---------------------------------------------------------------------------------------------

/** A resource, other than the merge resource, that writes or carries aws-auth content. */
interface AwsAuthToucher {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

/** Every string in a property tree; `Fn::Join`s rendered to one string with placeholders. */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') { yield value; return; }
  if (Array.isArray(value)) { for (const v of value) yield* stringsIn(v); return; }
  if (value && typeof value === 'object') {
    if ('Fn::Join' in value) {
      try { yield renderString(value).text; return; } catch { /* a Join with a non-'' shape: walk it */ }
    }
    for (const v of Object.values(value)) yield* stringsIn(v);
  }
}

/** Documents a string holds, if it is JSON or YAML (Kubernetes manifests are either). */
function documentsIn(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try { return [JSON.parse(trimmed)]; } catch { /* not JSON */ }
  }
  if (!/aws-auth/.test(text)) return [];
  try { return YAML.parseAllDocuments(text).map((d) => d.toJS()); } catch { return []; }
}

const MAP_KEYS = /^map(roles|users|accounts)$/i;
/** `configmap/aws-auth`, `configmaps/aws-auth`, `cm/aws-auth`, `configmap.v1/aws-auth`. */
const CONFIGMAP_TARGET = /\b(configmaps?|cm)(\.v1)?\/aws-auth\b/i;

/** Why `node` (a property tree or a parsed document) touches aws-auth, if it does. */
function reasonsIn(node: unknown, out: string[]): void {
  if (Array.isArray(node)) { for (const n of node) reasonsIn(n, out); return; }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const metadata = obj.metadata as { name?: unknown } | undefined;
  if (obj.kind === 'ConfigMap' && metadata?.name === 'aws-auth') out.push('manifest writes ConfigMap aws-auth');
  for (const [key, value] of Object.entries(obj)) {
    if (MAP_KEYS.test(key)) out.push(`carries ${key}`);
    reasonsIn(value, out);
  }
}

/**
 * Generic: looks at every resource's serialized properties (strings, rendered joins, JSON/YAML
 * documents inside strings) for a ConfigMap aws-auth manifest, a patch target `configmap/aws-auth`,
 * or mapRoles/mapUsers/mapAccounts keys. Only the merge resource may carry those.
 */
function findAwsAuthTouchers(scanned: Array<{ path: string; template: TemplateJson }>): AwsAuthToucher[] {
  const found: AwsAuthToucher[] = [];
  for (const { path, template } of scanned) {
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type === AWS_AUTH_RESOURCE_TYPE) continue;
      const reasons: string[] = [];
      reasonsIn(resource.Properties, reasons);
      for (const s of stringsIn(resource.Properties)) {
        if (CONFIGMAP_TARGET.test(s)) reasons.push(`targets ${s.match(CONFIGMAP_TARGET)?.[0]}`);
        for (const doc of documentsIn(s)) reasonsIn(doc, reasons);
        if (/\bmap(Roles|Users|Accounts)\b/.test(s)) reasons.push('mentions mapRoles/mapUsers/mapAccounts');
      }
      for (const reason of new Set(reasons)) found.push({ stack: path, logicalId, type: resource.Type, reason });
    }
  }
  return found;
}

describe('aws-auth scan', () => {
  test('covers every template of every environment (and any other stack of the app)', () => {
    expect(templates.map((t) => t.path)).toEqual(expect.arrayContaining(
      ENVIRONMENTS.flatMap((e) => [`${e.name}/Cluster`, `${e.name}/Access`, `${e.name}/Workloads`]),
    ));
    for (const { template } of templates) expect(Object.keys(template.Resources ?? {}).length).toBeGreaterThan(0);
  });

  test('nothing but Custom::EksAccessAwsAuth touches aws-auth, in any template', () => {
    expect(findAwsAuthTouchers(templates)).toEqual([]);
  });

  test('exactly one Custom::EksAccessAwsAuth per environment', () => {
    for (const env of ENVIRONMENTS) {
      const count = templates.filter((t) => t.path.startsWith(`${env.name}/`))
        .reduce((n, t) => n + resourcesOfType(t.template, AWS_AUTH_RESOURCE_TYPE).length, 0);
      expect([env.name, count]).toEqual([env.name, 1]);
    }
  });

  describe('can fail', () => {
    const AWS_AUTH_MANIFEST = {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'aws-auth', namespace: 'kube-system' },
      data: { mapRoles: '- rolearn: arn:aws:iam::111111111111:role/admin\n  username: admin\n  groups: [system:masters]\n' },
    };
    const WRITER_RBAC = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'writer', namespace: 'kube-system' },
      rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'], verbs: ['get', 'update'] }],
    };
    const template = (resources: Record<string, CfnResource>) => [{ path: 'hand/Made', template: { Resources: resources } }];

    test('on a KubernetesResource whose manifest writes kind ConfigMap name aws-auth', () => {
      const found = findAwsAuthTouchers(template({
        AwsAuth: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { ServiceToken: 'arn', ClusterName: 'c', Manifest: JSON.stringify([AWS_AUTH_MANIFEST]), Overwrite: true } },
      }));
      expect(found).toContainEqual({ stack: 'hand/Made', logicalId: 'AwsAuth', type: 'Custom::AWSCDK-EKS-KubernetesResource', reason: 'manifest writes ConfigMap aws-auth' });
    });

    test('on the same manifest with a token inside (Fn::Join), or as YAML', () => {
      const json = JSON.stringify([AWS_AUTH_MANIFEST]).replace('arn:aws:iam::111111111111:role/admin', '@@');
      const [before, after] = json.split('@@');
      const found = findAwsAuthTouchers(template({
        Joined: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Manifest: { 'Fn::Join': ['', [before, { 'Fn::GetAtt': ['Admin', 'Arn'] }, after]] } } },
        Yaml: { Type: 'Custom::Anything', Properties: { Values: YAML.stringify(AWS_AUTH_MANIFEST) } },
      }));
      expect(found.filter((f) => f.reason === 'manifest writes ConfigMap aws-auth').map((f) => f.logicalId).sort()).toEqual(['Joined', 'Yaml']);
    });

    test('on a KubernetesPatch of configmap/aws-auth', () => {
      const found = findAwsAuthTouchers(template({
        Patch: { Type: 'Custom::AWSCDK-EKS-KubernetesPatch', Properties: { ResourceName: 'configmap/aws-auth', ResourceNamespace: 'kube-system', ApplyPatchJson: '{}' } },
      }));
      expect(found.map((f) => f.reason)).toContain('targets configmap/aws-auth');
    });

    test('on any AWS::EKS::* or Custom:: resource that carries mapRoles/mapUsers', () => {
      const found = findAwsAuthTouchers(template({
        Other: { Type: 'Custom::SomeoneElsesAwsAuth', Properties: { MapRoles: [{ rolearn: 'arn', username: 'u', groups: [] }] } },
        Eks: { Type: 'AWS::EKS::Whatever', Properties: { Config: { mapUsers: [] } } },
      }));
      expect(found.map((f) => [f.logicalId, f.reason])).toEqual(expect.arrayContaining([['Other', 'carries MapRoles'], ['Eks', 'carries mapUsers']]));
    });

    test('but not on the merge resource itself, nor on RBAC that merely names aws-auth', () => {
      expect(findAwsAuthTouchers(template({
        Merge: { Type: AWS_AUTH_RESOURCE_TYPE, Properties: { MapRoles: [], MapUsers: [] } },
        Rbac: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Manifest: JSON.stringify([WRITER_RBAC]) } },
      }))).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Cluster-admin access
// ---------------------------------------------------------------------------------------------

describe('access entries', () => {
  const HANDLER_DESCRIPTION = AWS_AUTH_HANDLER_DESCRIPTION;
  const PEOPLE_ENTRY_PREFIX = 'AccessEntry';

  /**
   * Since 0.3 the cluster has no kubectl provider (whose role aws-eks-v2 gives an
   * AmazonEKSClusterAdminPolicy access entry), so the Cluster stack has no access entry at all;
   * every entry is the aws-auth handler's writer entry or a manifests function's, without an
   * access policy, or, in an environment on accessBackend "both", a people entry exactly as
   * config declares it (the next test).
   */
  test('no mastersRole-style entry: only the aws-auth writer\'s, the manifests functions\' and the people\'s config declares, in any template; no kubectl provider, its entry or its layers', () => {
    const allowed = new Map<string, unknown[]>();
    const functionRole = (template: TemplateJson, description: string) => {
      const handlers = resourcesOfType(template, 'AWS::Lambda::Function', (f) => f.Properties?.Description === description);
      expect(handlers).toHaveLength(1);
      return getAtt((handlers[0][1].Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0], 'Arn');
    };
    for (const stage of synthesized.built.stages) {
      expect([stage.cluster.node.path, stage.cluster.cluster.kubectlProvider]).toEqual([stage.cluster.node.path, undefined]);
      const access = templateOf(stage.access);
      allowed.set(stage.access.node.path, [functionRole(access, HANDLER_DESCRIPTION), functionRole(access, MANIFESTS_HANDLER_DESCRIPTION)]);
      allowed.set(stage.workloads.node.path, [functionRole(templateOf(stage.workloads), MANIFESTS_HANDLER_DESCRIPTION)]);
    }
    const entries = templates.flatMap(({ path, template }) => resourcesOfType(template, 'AWS::EKS::AccessEntry').map(([id, e]) => ({ path, id, e })))
      .filter(({ id }) => !id.startsWith(PEOPLE_ENTRY_PREFIX));
    const manifestsUsers: string[] = [];
    for (const { path, e } of entries) {
      expect([path, allowed.get(path) ?? []]).toEqual([path, expect.arrayContaining([e.Properties?.PrincipalArn])]);
      // The app's own functions: their Kubernetes rights come from RBAC alone, never an access policy.
      expect(e.Properties).not.toHaveProperty('AccessPolicies');
      if (e.Properties?.KubernetesGroups === undefined) {
        // A manifests function: its provider's own username and no group, so that it holds only
        // the ClusterRole its own bootstrap binds to that user (never the other provider's).
        expect([path, e.Properties?.Username]).toEqual([path, expect.stringMatching(new RegExp(`^${MANIFESTS_USERNAME_PREFIX}[A-Za-z0-9._-]{1,63}$`))]);
        manifestsUsers.push(e.Properties?.Username as string);
      } else {
        expect([path, e.Properties?.KubernetesGroups]).toEqual([path, [WRITER_GROUP]]);
        expect(e.Properties).not.toHaveProperty('Username');
      }
    }
    // Per environment: the writer's, and one per manifests function (Access, Workloads).
    expect(entries).toHaveLength(3 * ENVIRONMENTS.length);
    expect(entries.filter(({ path }) => path.endsWith('/Cluster'))).toEqual([]);
    for (const { path, template } of templates) {
      expect([path, resourcesOfType(template, 'AWS::Lambda::LayerVersion')]).toEqual([path, []]);
      expect([path, JSON.stringify(template)]).toEqual([path, expect.not.stringMatching(/KubectlProvider|AWSCDK-EKS-Kubernetes|ReleaseAdopted/)]);
    }
    // Every manifests function has a username of its own, in every environment.
    expect(manifestsUsers).toHaveLength(2 * ENVIRONMENTS.length);
    expect(new Set(manifestsUsers).size).toBe(manifestsUsers.length);
  });

  test('people access entries: exactly one per people role, existing role but node roles, and user of an environment on "both", as its mapping declares it; none elsewhere', () => {
    for (const stage of synthesized.built.stages) {
      const config = stage.cluster.config;
      const access = templateOf(stage.access);
      const roleIds = new Map(resourcesOfType(access, 'AWS::IAM::Role').map(([id, r]) => [r.Properties?.RoleName, id]));
      const actual = resourcesOfType(access, 'AWS::EKS::AccessEntry').filter(([id]) => id.startsWith(PEOPLE_ENTRY_PREFIX)).map(([, e]) => JSON.stringify([
        e.Properties?.PrincipalArn, e.Properties?.Type, e.Properties?.Username, e.Properties?.KubernetesGroups ?? [], e.Properties?.AccessPolicies ?? [],
      ])).sort();
      const admin = [{ AccessScope: { Type: 'cluster' }, PolicyArn: `arn:${config.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy` }];
      const shape = (principal: unknown, m: { username: string; groups: string[] }) => JSON.stringify([
        principal, 'STANDARD', m.username, m.groups.filter((g) => g !== Groups.clusterAdmin), m.groups.includes(Groups.clusterAdmin) ? admin : [],
      ]);
      const expected = config.accessBackend === 'aws-auth' ? [] : [
        ...config.people.map((p) => shape(getAtt(roleIds.get(p.roleName) as string, 'Arn'), p)),
        ...config.existingRoles.filter((r) => r.nodeRole !== true).map((r) => shape(r.arn, r)),
        ...config.users.map((u) => shape(u.arn, u)),
      ].sort();
      expect([stage.stageName, actual]).toEqual([stage.stageName, expected]);
    }
    // The shipped config puts dev on "both" (issue 12), so this gate runs over real entries.
    expect(synthesized.built.stages.filter((s) => s.cluster.config.accessBackend === 'both').map((s) => s.stageName)).toEqual(['dev']);
  });

  test('no template maps anyone to system:masters except the people roles config grants it', () => {
    for (const { path, template } of templates) {
      for (const [, resource] of Object.entries(template.Resources ?? {})) {
        const text = JSON.stringify(resource.Properties ?? {});
        if (!text.includes(Groups.clusterAdmin)) continue;
        expect([path, resource.Type]).toEqual([path, AWS_AUTH_RESOURCE_TYPE]);
        const admins = (resource.Properties?.MapRoles as Array<{ rolearn: unknown; groups: string[] }>)
          .filter((m) => m.groups.includes(Groups.clusterAdmin));
        const envName = path.split('/')[0];
        const config = ENVIRONMENTS.find((e) => e.name === envName);
        const allowed = (config?.people ?? []).filter((p) => p.groups.includes(Groups.clusterAdmin));
        expect(config?.allowClusterAdmin).toBe(true);
        expect(admins).toHaveLength(allowed.length);
        expect(JSON.stringify(resource.Properties?.MapUsers)).not.toContain(Groups.clusterAdmin);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Placeholders never deploy
// ---------------------------------------------------------------------------------------------

describe('placeholder guard of the shipped (placeholder) config', () => {
  /** `[env] field` of each failing assertion of a template's guard rule. */
  function guardedFields(template: TemplateJson): string[] {
    const rule = (template.Rules as Record<string, { Assertions: Array<{ Assert: unknown; AssertDescription: string }> }> | undefined)?.[PLACEHOLDER_GUARD_RULE_ID];
    return (rule?.Assertions ?? []).map((a) => {
      const [, value] = (a.Assert as { 'Fn::Not': [{ 'Fn::Equals': [string, string] }] })['Fn::Not'][0]['Fn::Equals'];
      const m = /^Placeholder in lib\/config\/(?:environments|pipeline)\.ts: (\[[a-z]+\] [\w.]+) = "([^"]+)": .+; .+ in lib\/config\/(?:environments|pipeline)\.ts.+\. CloudFormation checked this before creating or changing any resource of this stack\.$/.exec(a.AssertDescription);
      expect([m?.[2], a.AssertDescription]).toEqual([value, a.AssertDescription]);
      return m?.[1] ?? a.AssertDescription;
    });
  }

  test('every stack refuses its deploy, naming each placeholder it holds', () => {
    const pipelineOwn = ['[pipeline] account', '[pipeline] source.repository', '[pipeline] source.connectionArn'];
    const expected: Record<string, string[]> = {
      Pipeline: [...pipelineOwn, '[dev] account', '[staging] account', '[prod] account'],
      'cross-region-stack-444444444444:eu-central-1': [...pipelineOwn, '[dev] account', '[staging] account', '[prod] account'],
    };
    for (const env of ENVIRONMENTS) {
      for (const stack of ['Cluster', 'Access', 'Workloads']) expected[`${env.name}/${stack}`] = [`[${env.name}] account`, '[pipeline] account'];
      expected[`${env.name}/CiDiff`] = [`[${env.name}] account`, '[pipeline] account', '[pipeline] pullRequestDiff.githubRepository'];
    }
    expect(Object.fromEntries(templates.map((t) => [t.path, guardedFields(t.template)]))).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// cdk-nag
// ---------------------------------------------------------------------------------------------

test('the whole default app synthesizes with zero cdk-nag findings', () => {
  expect(readNagFindings(synthesized.outdir)).toEqual([]);
  expect(synthesized.synthError).toBeUndefined();
});

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

describe('lean metadata', () => {
  /** Every metadata entry of every stack of the assembly, nested stage assemblies included. */
  function metadataEntries(): { type: string; trace?: unknown }[] {
    const stacks = synthesized.assembly.stacksRecursively;
    return stacks.flatMap((s) => {
      const file = s.manifest.additionalMetadataFile;
      const extra: Record<string, unknown[]> = file ? JSON.parse(fs.readFileSync(path.join(s.assembly.directory, file), 'utf8')) : {};
      return Object.values({ ...s.manifest.metadata, ...extra }).flat() as { type: string; trace?: unknown }[];
    });
  }

  test('no construct creation stack and no stack trace in the assembly but where a finding was acknowledged; logical ids stay', () => {
    const entries = metadataEntries();
    const types = new Set(entries.map((e) => e.type));
    expect(types.has('aws:cdk:creationStack')).toBe(false);
    // An acknowledgement keeps its trace (aws-cdk-lib records it always): it says which line of lib/nag/ accepted a finding.
    expect(entries.filter((e) => e.trace !== undefined && e.type !== 'aws:cdk:acknowledged-rules').map((e) => e.type)).toEqual([]);
    expect([...types]).toEqual(expect.arrayContaining(['aws:cdk:logicalId', 'aws:cdk:acknowledged-rules']));
    expect([...types].filter((t) => t.startsWith('aws:cdk:analytics'))).toEqual([]);
  });

  test('the CLI\'s --debug (CDK_DEBUG) brings the traces back', () => {
    expect(leanMetadata({ CDK_DEBUG: 'true' })).toEqual({});
    expect(leanMetadata({})).toEqual({ stackTraces: false, postCliContext: { 'aws:cdk:disable-creation-stack-traces': true } });
  });
});
