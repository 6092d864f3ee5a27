import { creatorAdminTurnedOn, UNKNOWN_CREATOR } from '../../../../lib/report/rules/creator-admin-turned-on';
import { check, env } from './environment';

const EXEC = 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1';
const cluster = (bootstrapCreatorAdmin: boolean, creator: string | null = EXEC) => ({ label: 'Cluster/Cluster', bootstrapCreatorAdmin, ...(creator ? { creator } : {}) });

describe('creator-admin-turned-on', () => {
  test('compliant: off in head, or on in base already', () => {
    expect(check(creatorAdminTurnedOn, env(), env({ clusters: [cluster(false)] }))).toEqual([]);
    expect(check(creatorAdminTurnedOn, env({ clusters: [cluster(true)] }), env({ clusters: [cluster(true)] }))).toEqual([]);
  });

  test('non-compliant: a new cluster with creator admin on, attributed to the execution role', () => {
    expect(check(creatorAdminTurnedOn, env(), env({ clusters: [cluster(true)] }))).toEqual([expect.objectContaining({ principal: EXEC })]);
    expect(check(creatorAdminTurnedOn, env({ clusters: [cluster(false)] }), env({ clusters: [cluster(true, null)] }))[0].principal).toBe(UNKNOWN_CREATOR);
  });
});
