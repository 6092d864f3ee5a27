import { MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE } from '../../../../lambda/manifests/api';
import { extractEnvironment } from '../../../../lib/report/extract';
import { extractRbac, KUBERNETES_RESOURCE_TYPE, OBJECT_PROPERTIES } from '../../../../lib/report/extract/rbac';
import { extractRbacBootstraps } from '../../../../lib/report/extract/rbac-bootstraps';
import { grantsOf } from '../../../../lib/report/grants';
import type { CfnTemplate } from '../../../../lib/report/template';
import { rbacBinding, rbacRole, READ_RULES } from '../fixtures';
import { contextOf } from './context';

const reader = rbacRole('reader', undefined, READ_RULES);
const readerBinding = rbacBinding('reader', undefined, { kind: 'ClusterRole', name: 'reader' }, ['reader']);
const kubectl = (objects: unknown[]) => ({ Type: KUBERNETES_RESOURCE_TYPE, Properties: { Manifest: JSON.stringify(objects) } });
const own = (properties: Record<string, unknown>) => ({ Type: MANIFESTS_RESOURCE_TYPE, Properties: { ClusterName: 'c', Owner: 'o', ...properties } });

test('the properties read per resource type', () => {
  expect(OBJECT_PROPERTIES).toEqual({
    'Custom::AWSCDK-EKS-KubernetesResource': ['Manifest'],
    'Custom::EksAccessManifests': ['Objects', 'Patches'],
    'Custom::EksAccessManifestsRbac': ['Objects'],
  });
});

describe('extractRbac over the manifests resources', () => {
  test('Objects as a JSON string, Objects as Fn::Join with a token, and Patches', () => {
    const context = contextOf({
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: {}, Metadata: { 'aws:cdk:path': 'dev/Access/Fn/Resource' } },
        Plain: own({ Objects: JSON.stringify([reader]) }),
        Joined: own({
          Objects: { 'Fn::Join': ['', ['[{"kind":"RoleBinding","metadata":{"name":"b","namespace":"payments"},"roleRef":{"kind":"Role","name":"r"},"subjects":[{"kind":"User","name":"', { Ref: 'Fn' }, '"}]}]']] },
          Patches: JSON.stringify([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'patched' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'g' }] }]),
        }),
      },
    });
    expect(extractRbac(context)).toEqual({
      roles: [{ kind: 'ClusterRole', name: 'reader', rules: [{ apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'], resourceNames: [], nonResourceURLs: [] }] }],
      bindings: [
        { kind: 'RoleBinding', name: 'b', namespace: 'payments', roleRef: { kind: 'Role', name: 'r' }, subjects: ['User function:Access/Fn'] },
        { kind: 'ClusterRoleBinding', name: 'patched', roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: ['Group g'] },
      ],
    });
  });

  test('the RBAC bootstrap\'s generated ClusterRole and binding, and its principal', () => {
    const role = rbacRole('eks-access-manifests-o', undefined, [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'], resourceNames: ['r'] }]);
    const binding = { ...rbacBinding('eks-access-manifests-o', undefined, { kind: 'ClusterRole', name: 'eks-access-manifests-o' }, []), subjects: [{ kind: 'User', name: 'eks-access:manifests:o' }] };
    const context = contextOf({
      Resources: {
        HandlerRole: { Type: 'AWS::IAM::Role', Properties: {}, Metadata: { 'aws:cdk:path': 'dev/Access/P/HandlerRole/Resource' } },
        Bootstrap: {
          Type: MANIFESTS_RBAC_RESOURCE_TYPE,
          Properties: { ClusterName: 'eks-access-dev', Owner: 'o', Objects: JSON.stringify([role, binding]), PrincipalArn: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] } },
          Metadata: { 'aws:cdk:path': 'dev/Access/P/RbacBootstrap/Default' },
        },
      },
    });
    const rbac = extractRbac(context);
    expect(rbac.roles.map((r) => `${r.kind} ${r.name}`)).toEqual(['ClusterRole eks-access-manifests-o']);
    expect(rbac.bindings.map((b) => `${b.kind} ${b.name} ${b.subjects.join(',')}`)).toEqual(['ClusterRoleBinding eks-access-manifests-o User eks-access:manifests:o']);
    expect(extractRbacBootstraps(context)).toEqual([{ label: 'Access/P/RbacBootstrap', principal: 'role:Access/P/HandlerRole', cluster: 'eks-access-dev' }]);
  });

  test('other resource types and unreadable properties yield nothing', () => {
    expect(extractRbac(contextOf({
      Resources: {
        Other: { Type: 'Custom::Other', Properties: { Objects: JSON.stringify([reader]), Manifest: JSON.stringify([reader]) } },
        Broken: own({ Objects: '[{' }),
      },
    }))).toEqual({ roles: [], bindings: [] });
  });
});

describe('an object declared by a retained kubectl resource and by the resource that adopted it', () => {
  const environment = (resources: CfnTemplate['Resources']) => extractEnvironment({
    name: 'dev',
    stacks: [{ stackName: 'dev-Access', displayName: 'dev/Access', context: contextOf({ Resources: resources }), deployment: { stack: 'dev-Access' } }],
  });

  test('is counted once when both declare it alike (labels aside)', () => {
    const labelled = { ...reader, metadata: { name: 'reader', labels: { 'aws.cdk.eks/prune-c8': '' } } };
    const env = environment({ Kubectl: kubectl([labelled, readerBinding]), Own: own({ Objects: JSON.stringify([reader, readerBinding]) }) });
    expect(grantsOf(env).filter((g) => g.section.startsWith('RBAC')).map((g) => g.id)).toEqual(['ClusterRole reader', 'ClusterRoleBinding reader']);
  });

  test('stays twice when the two declarations differ (the cluster holds one of them; both are shown)', () => {
    const wider = rbacBinding('reader', undefined, { kind: 'ClusterRole', name: 'reader' }, ['reader', 'everyone']);
    const env = environment({ Kubectl: kubectl([readerBinding]), Own: own({ Objects: JSON.stringify([wider]) }) });
    expect(grantsOf(env).filter((g) => g.section === 'RBAC binding').map((g) => [g.id, g.fields[1][1]])).toEqual([
      ['ClusterRoleBinding reader', ['Group reader']],
      ['ClusterRoleBinding reader #2', ['Group reader', 'Group everyone']],
    ]);
  });
});
