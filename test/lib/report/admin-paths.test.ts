import { AwsAuthFunctionEnv } from '../../../lambda/aws-auth/api';
import { adminPathsOf, AdminPathKinds } from '../../../lib/report/admin-paths';
import type { AdminPath } from '../../../lib/report/admin-paths';
import { messageText } from '../../../lib/report/markdown';
import { emptyEnvironment } from '../../../lib/report/model';
import type { EnvironmentAccess } from '../../../lib/report/model';
import { allow, awsAuthWriter, env, role } from './rules/environment';

const FN_ARN = { prefix: 'arn:aws:lambda:eu-west-1:111111111111:function:', stackName: 'dev-Access' };
const summary = (paths: AdminPath[]) => paths.map((p) => `${p.kind} | ${p.principal} | ${p.target} | ${messageText(p.how)}`);

function withHandler(extra: Partial<EnvironmentAccess> = {}): EnvironmentAccess {
  const writer = awsAuthWriter();
  return env({
    ...writer,
    functions: [{ label: 'function:Access/Handler', role: 'role:handler', environment: { [AwsAuthFunctionEnv.clusterAdminOwners]: 'eks-access/dev/people' }, arn: FN_ARN }],
    ...extra,
    roles: [...(writer.roles ?? []), ...(extra.roles ?? [])],
  });
}

describe('adminPathsOf', () => {
  test('an environment without Kubernetes identities, clusters or stacks has no path', () => {
    expect(adminPathsOf(emptyEnvironment('dev'))).toEqual([]);
  });

  test('the aws-auth handler: its identity, the function with its owners allowed cluster admin, and who may assume its role', () => {
    expect(summary(adminPathsOf(withHandler()))).toEqual([
      'kubernetes identity | role:handler | writes-aws-auth | can write aws-auth: writes `kube-system/aws-auth` as `Group eks-access:aws-auth-writer`, bound by `RoleBinding kube-system/writer` to `Role writer` (in namespace `kube-system`)',
      'function | function:Access/Handler | role:handler | runs as `role:handler`, which can write aws-auth (writes `kube-system/aws-auth` as `Group eks-access:aws-auth-writer`, bound by `RoleBinding kube-system/writer` to `Role writer` (in namespace `kube-system`)); owners allowed cluster admin (`EKS_ACCESS_CLUSTER_ADMIN_OWNERS`): `eks-access/dev/people`',
      'assume a role | Service lambda.amazonaws.com | role:handler | trusted by `role:handler` (it can write aws-auth)',
    ]);
  });

  test('a function that may invoke an admin function is itself a path (fixpoint), and its role a controller', () => {
    const paths = adminPathsOf(withHandler({
      roles: [role('framework', ['Service lambda.amazonaws.com'], [allow(['lambda:InvokeFunction'], ['function:Access/Handler'])])],
      functions: [
        { label: 'function:Access/Handler', role: 'role:handler', environment: {} },
        { label: 'function:Access/Framework', role: 'role:framework', environment: {} },
      ],
    }));
    expect(summary(paths)).toEqual(expect.arrayContaining([
      'invoke or update a function | role:framework | function:Access/Handler | may `lambda:InvokeFunction` on `function:Access/Handler`',
      'function | function:Access/Framework | role:framework | runs as `role:framework`, which may invoke `function:Access/Handler`',
    ]));
  });

  test('another environment\'s role: a wildcard ARN reaches the function, a same-looking label does not', () => {
    const head = withHandler();
    const pipeline: EnvironmentAccess = {
      ...emptyEnvironment('(app)'),
      roles: [
        role('deployer', [], [allow(['lambda:UpdateFunctionCode'], ['arn:aws:lambda:*:111111111111:function:*'])]),
        role('lookalike', [], [allow(['lambda:InvokeFunction'], ['function:Access/Handler'])]),
      ],
    };
    const controllers = adminPathsOf(head, [head, pipeline]).filter((p) => p.kind === AdminPathKinds.functionControl);
    expect(summary(controllers)).toEqual(['invoke or update a function | (app) role:deployer | function:Access/Handler | may `lambda:UpdateFunctionCode` on `arn:aws:lambda:*:111111111111:function:*`']);
  });

  test('a Lambda permission on an admin function', () => {
    const paths = adminPathsOf(withHandler({ permissions: [{ function: 'function:Access/Handler', action: 'lambda:InvokeFunction', principal: '*', conditions: ['SourceAccount = 111111111111'] }] }));
    expect(summary(paths)).toContain('invoke or update a function | * | function:Access/Handler | `AWS::Lambda::Permission` allows `lambda:InvokeFunction` when `SourceAccount = 111111111111`');
  });

  test('EKS access API holders, the creator admin, the execution role and who may assume the deploy role', () => {
    const exec = 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1';
    const deploy = 'arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1';
    const head = env({
      clusters: [{ label: 'Cluster/Cluster', bootstrapCreatorAdmin: true, creator: exec }],
      deployments: [{ stack: 'dev-Cluster', executionRole: exec, deployRole: deploy }],
      roles: [role('ops', [], [allow(['eks:*'], ['*'])])],
    });
    const pipeline: EnvironmentAccess = { ...emptyEnvironment('(app)'), roles: [role('pipeline', [], [allow(['sts:AssumeRole'], [deploy, 'arn:aws:iam::222222222222:role/x'])])] };
    expect(summary(adminPathsOf(head, [head, pipeline]))).toEqual([
      'cluster creator | ' + exec + ' | Cluster/Cluster | is cluster admin of `Cluster/Cluster`: `BootstrapClusterCreatorAdminPermissions` is on (absent means true; create-only)',
      'EKS access API | role:ops | Cluster/Cluster | may `eks:CreateAccessEntry`, `eks:AssociateAccessPolicy`, `eks:UpdateClusterConfig` on `*`: can give itself a cluster-admin access entry',
      `CloudFormation execution role | ${exec} | dev-Cluster | deploys \`dev-Cluster\`: can change every function, access entry and mapping above, and invokes the custom resources`,
      `assume a role | (app) role:pipeline | ${deploy} | may \`sts:AssumeRole\` on \`${deploy}\` (the deploy role, which passes \`${exec}\` to CloudFormation)`,
    ]);
  });
});

describe('chains of assumable roles', () => {
  test('who may assume a role that may assume the masters role is a path too', () => {
    const head = env({
      roles: [
        role('admin', ['AWS role:break-glass']),
        { ...role('break-glass', ['AWS arn:aws:iam::111111111111:root']), arn: { prefix: 'arn:aws:iam::111111111111:role/', name: 'break-glass', stackName: 'dev-Access' } },
        role('ci', [], [allow(['sts:AssumeRole'], ['arn:aws:iam::111111111111:role/break-*'])]),
      ],
      mappings: [{ list: 'mapRoles', owner: 'o', principal: 'role:admin', username: 'admin', groups: ['system:masters'] }],
    });
    expect(summary(adminPathsOf(head).filter((p) => p.kind === AdminPathKinds.roleAssumer))).toEqual([
      'assume a role | AWS role:break-glass | role:admin | trusted by `role:admin` (it is cluster admin)',
      'assume a role | AWS arn:aws:iam::111111111111:root | role:break-glass | trusted by `role:break-glass` (it may assume `role:admin`)',
      'assume a role | role:ci | role:break-glass | may `sts:AssumeRole` on `arn:aws:iam::111111111111:role/break-*` (it may assume `role:admin`)',
    ]);
  });
});

describe('IAM users and groups', () => {
  test('a group allowed lambda:InvokeFunction on * controls the aws-auth handler; a user with eks:* can grant access entries', () => {
    const group = { ...role('ops'), kind: 'group' as const, label: 'group:ops', statements: [allow(['lambda:InvokeFunction'], ['*'])] };
    const user = { ...role('bot'), kind: 'user' as const, label: 'user:bot', statements: [allow(['eks:*'], ['*'])] };
    const paths = adminPathsOf(withHandler({ roles: [group, user], clusters: [{ label: 'Cluster/Cluster', bootstrapCreatorAdmin: false }] }));
    expect(summary(paths)).toEqual(expect.arrayContaining([
      'invoke or update a function | group:ops | function:Access/Handler | may `lambda:InvokeFunction` on `*`',
      expect.stringMatching(/^EKS access API \| user:bot \| Cluster\/Cluster \| may `eks:CreateAccessEntry`/),
    ]));
  });
});
