/**
 * The edge's access-policy calls (the admin window's door to EKS) with the real SDK v3 client
 * against the AWS stand-in: request shapes, pagination, and the errors mapped as the edge maps
 * DescribeCluster's.
 */
import { AccessDeniedException, InvalidRequestException, ServerException } from '@aws-sdk/client-eks';
import { AccessEntryNotFoundError, ClusterNotFoundError, createAwsEdge } from '../../../lambda/edge/aws';
import type { StandInAccessEntry } from '../../support/aws-endpoints';
import { TEST_IDENTITIES } from '../../support/identities';
import { testCaData } from '../../support/kube-api-server';
import type { AwsSetup } from './aws-setup';
import { ACCOUNT, startAwsSetup } from './aws-setup';

const REGION = 'eu-west-1';
const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const VIEW = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
const EDIT = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy';
const FN_ROLE = `arn:aws:iam::${ACCOUNT}:role/manifests-fn`;
const GHOST = `arn:aws:iam::${ACCOUNT}:role/ghost`;
let setup: AwsSetup;

const entry = (): StandInAccessEntry => ({ clusterName: 'prod', principalArn: FN_ROLE, policies: [], username: 'eks-access:manifests:prod-rbac' });

beforeAll(async () => {
  setup = await startAwsSetup(REGION, {
    clusters: [
      { name: 'prod', endpoint: 'https://127.0.0.1:6443', caData: testCaData() },
      { name: 'legacy', endpoint: 'https://127.0.0.1:6444', caData: testCaData(), authenticationMode: 'CONFIG_MAP' },
    ],
  });
});
afterAll(async () => {
  await setup.close();
});
beforeEach(() => {
  setup.server.accessEntries.splice(0, setup.server.accessEntries.length, entry());
  setup.server.maxPageSize = 100;
  setup.server.requests.length = 0;
});

const edge = () => createAwsEdge(REGION, async () => TEST_IDENTITIES.deployer);
const ops = () => setup.server.requests.map((r) => `${r.operation} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`);

describe('associate, list and disassociate through the real SDK', () => {
  test('associate at cluster scope, list it, disassociate it: one request each, signed by the caller', async () => {
    const e = edge();
    await e.associateAccessPolicy('prod', FN_ROLE, ADMIN);
    expect(setup.server.accessEntries[0].policies).toMatchObject([{ policyArn: ADMIN, accessScope: { type: 'cluster' } }]);
    await expect(e.listAssociatedAccessPolicies('prod', FN_ROLE)).resolves.toEqual([ADMIN]);
    await e.disassociateAccessPolicy('prod', FN_ROLE, ADMIN);
    expect(setup.server.accessEntries[0].policies).toEqual([]);
    await expect(e.listAssociatedAccessPolicies('prod', FN_ROLE)).resolves.toEqual([]);
    expect(ops()).toEqual(['AssociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200', 'DisassociateAccessPolicy 200', 'ListAssociatedAccessPolicies 200']);
    expect(new Set(setup.server.requests.map((r) => r.identity))).toEqual(new Set([TEST_IDENTITIES.deployer.arn]));
  });

  test('list reads every page (100 asked, the server gives 2 a page)', async () => {
    setup.server.accessEntries[0] = { ...entry(), policies: [ADMIN, VIEW, EDIT].map((policyArn) => ({ policyArn, accessScope: { type: 'cluster' } })) };
    setup.server.maxPageSize = 2;
    await expect(edge().listAssociatedAccessPolicies('prod', FN_ROLE)).resolves.toEqual([ADMIN, VIEW, EDIT]);
    expect(ops()).toEqual(['ListAssociatedAccessPolicies 200', 'ListAssociatedAccessPolicies 200']);
  });

  test('disassociating what is not associated is done (the 404 is the answer, not an error)', async () => {
    await expect(edge().disassociateAccessPolicy('prod', FN_ROLE, ADMIN)).resolves.toBeUndefined();
    await expect(edge().disassociateAccessPolicy('prod', GHOST, ADMIN)).resolves.toBeUndefined();
    await expect(edge().disassociateAccessPolicy('gone', FN_ROLE, ADMIN)).resolves.toBeUndefined();
    expect(ops()).toEqual(Array(3).fill('DisassociateAccessPolicy 404 ResourceNotFoundException'));
  });
});

describe('errors', () => {
  test('a principal without an access entry: AccessEntryNotFoundError (DescribeCluster tells it from a missing cluster)', async () => {
    for (const call of [() => edge().associateAccessPolicy('prod', GHOST, ADMIN), () => edge().listAssociatedAccessPolicies('prod', GHOST)]) {
      const e = await call().then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(AccessEntryNotFoundError);
      expect((e as Error).message).toBe(`EKS cluster "prod" has no access entry for ${GHOST}; create the access entry first (the construct creates it before the RBAC bootstrap), or check the PrincipalArn property`);
    }
    expect(ops()).toEqual([
      'AssociateAccessPolicy 404 ResourceNotFoundException', 'DescribeCluster 200',
      'ListAssociatedAccessPolicies 404 ResourceNotFoundException', 'DescribeCluster 200',
    ]);
  });

  test('a cluster that is gone: ClusterNotFoundError, as DescribeCluster answers it', async () => {
    for (const call of [() => edge().associateAccessPolicy('gone', FN_ROLE, ADMIN), () => edge().listAssociatedAccessPolicies('gone', FN_ROLE)]) {
      const e = await call().then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(ClusterNotFoundError);
      expect((e as Error).message).toBe(`EKS cluster "gone" was not found in region ${REGION}; check the ClusterName property and that the stack deploys to the cluster's region`);
    }
    expect(ops()).toEqual([
      'AssociateAccessPolicy 404 ResourceNotFoundException', 'DescribeCluster 404 ResourceNotFoundException',
      'ListAssociatedAccessPolicies 404 ResourceNotFoundException', 'DescribeCluster 404 ResourceNotFoundException',
    ]);
  });

  test('denied actions are the SDK\'s AccessDeniedException, with AWS\'s message', async () => {
    for (const action of ['AssociateAccessPolicy', 'DisassociateAccessPolicy', 'ListAssociatedAccessPolicies']) {
      setup.server.deny(TEST_IDENTITIES.deployer.arn, `eks:${action}`);
    }
    try {
      const calls = [
        () => edge().associateAccessPolicy('prod', FN_ROLE, ADMIN),
        () => edge().disassociateAccessPolicy('prod', FN_ROLE, ADMIN),
        () => edge().listAssociatedAccessPolicies('prod', FN_ROLE),
      ];
      for (const [i, call] of calls.entries()) {
        const e = await call().then(() => undefined, (err: unknown) => err);
        expect(e).toBeInstanceOf(AccessDeniedException);
        const action = ['AssociateAccessPolicy', 'DisassociateAccessPolicy', 'ListAssociatedAccessPolicies'][i];
        expect((e as Error).message).toBe(`User: ${TEST_IDENTITIES.deployer.arn} is not authorized to perform: eks:${action} on resource: arn:aws:eks:${REGION}:${ACCOUNT}:cluster/prod`);
      }
    } finally {
      for (const action of ['AssociateAccessPolicy', 'DisassociateAccessPolicy', 'ListAssociatedAccessPolicies']) {
        setup.server.allow(TEST_IDENTITIES.deployer.arn, `eks:${action}`);
      }
    }
  });

  test('a cluster without access entries (CONFIG_MAP mode) is InvalidRequestException', async () => {
    await expect(edge().associateAccessPolicy('legacy', FN_ROLE, ADMIN)).rejects.toBeInstanceOf(InvalidRequestException);
  });

  test('a server fault is retried by the SDK itself (3 attempts), then thrown as it is', async () => {
    setup.server.failNext('DisassociateAccessPolicy', { status: 500, code: 'ServerException', times: 3 });
    await expect(edge().disassociateAccessPolicy('prod', FN_ROLE, ADMIN)).rejects.toBeInstanceOf(ServerException);
    expect(ops()).toEqual(Array(3).fill('DisassociateAccessPolicy 500 ServerException'));
  });

  test('a wrong secret is refused', async () => {
    const bad = createAwsEdge(REGION, async () => ({ ...TEST_IDENTITIES.deployer, secretAccessKey: 'wrong' }));
    await expect(bad.associateAccessPolicy('prod', FN_ROLE, ADMIN)).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    expect(setup.server.accessEntries[0].policies).toEqual([]);
  });
});
