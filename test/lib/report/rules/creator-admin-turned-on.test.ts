import { messageText } from '../../../../lib/report/markdown';
import type { EksCluster } from '../../../../lib/report/model';
import { CLUSTER_LABEL, creatorAdminTurnedOn, UNKNOWN_CREATOR } from '../../../../lib/report/rules/creator-admin-turned-on';
import { check, env, expectRule } from './environment';

const EXEC = 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1';
const cluster = (bootstrapCreatorAdmin: boolean, creator: string | null = EXEC, label = 'Cluster/Cluster'): EksCluster => ({ label, bootstrapCreatorAdmin, ...(creator ? { creator } : {}) });
const TAIL = 'gets a cluster-admin access entry (`BootstrapClusterCreatorAdminPermissions` absent or true; create-only, so turning it off later replaces the cluster)';

describe('creator-admin-turned-on', () => {
  test('id, severity, description and labels', () => {
    expectRule(creatorAdminTurnedOn, 'creator-admin-turned-on', 'critical');
    expect(CLUSTER_LABEL).toBe('EKS cluster');
    expect(UNKNOWN_CREATOR).toBe('(the principal that creates the stack)');
  });

  test('compliant: off in head, or on in base already', () => {
    expect(check(creatorAdminTurnedOn, env(), env({ clusters: [cluster(false)] }))).toEqual([]);
    expect(check(creatorAdminTurnedOn, env({ clusters: [cluster(true)] }), env({ clusters: [cluster(false)] }))).toEqual([]);
    expect(check(creatorAdminTurnedOn, env({ clusters: [cluster(true)] }), env({ clusters: [cluster(true)] }))).toEqual([]);
  });

  test('non-compliant: a new cluster with creator admin on, attributed to the execution role', () => {
    const findings = check(creatorAdminTurnedOn, env(), env({ clusters: [cluster(true)] }));
    expect(findings).toEqual([{
      label: 'EKS cluster', id: 'Cluster/Cluster', principal: EXEC, grant: 'Cluster/Cluster BootstrapClusterCreatorAdminPermissions=true', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe(`new cluster with creator admin on: \`${EXEC}\` ${TAIL}`);
  });

  test('non-compliant: turned on for a cluster base had with it off; an unnamed creator', () => {
    const [finding] = check(creatorAdminTurnedOn, env({ clusters: [cluster(false)] }), env({ clusters: [cluster(true, null)] }));
    expect(finding.principal).toBe(UNKNOWN_CREATOR);
    expect(messageText(finding.message)).toBe(`creator admin turned on: \`${UNKNOWN_CREATOR}\` ${TAIL}`);
  });

  test('clusters are matched by label: another cluster of base with it on does not hide a new one', () => {
    const findings = check(creatorAdminTurnedOn, env({ clusters: [cluster(true, EXEC, 'Old/Cluster')] }), env({ clusters: [cluster(true, EXEC, 'Old/Cluster'), cluster(true)] }));
    expect(findings.map((f) => [f.id, messageText(f.message).split(':')[0]])).toEqual([['Cluster/Cluster', 'new cluster with creator admin on']]);
  });
});
