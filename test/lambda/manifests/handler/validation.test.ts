/**
 * Untrusted input checked on entry, through the real handler: each bad property is one sentence
 * naming the property or item, the value and the fix, and nothing is sent anywhere.
 */
import { ManifestsProps } from '../../../../lambda/manifests/api';
import { OWNER, configMap, failure, harnessPerTest, stored } from './support';

const start = harnessPerTest();

/** `properties` with `change` applied; a key changed to undefined is removed, as JSON has no undefined. */
function withChange(properties: Readonly<Record<string, unknown>>, change: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...properties, ...change }).filter(([, v]) => v !== undefined));
}

describe('manifests handler: properties', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a cluster name EKS would refuse', { [ManifestsProps.clusterName]: '-bad' }, 'property ClusterName = "-bad" is not an EKS cluster name (1-100 letters, digits, \'-\' and \'_\', starting with a letter or digit); pass the cluster\'s name'],
    ['no cluster name', { [ManifestsProps.clusterName]: undefined }, 'Custom::EksAccessManifests: property ClusterName is missing (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['no Objects (a construct that renamed or dropped the property)', { [ManifestsProps.objects]: undefined }, 'Custom::EksAccessManifests: property Objects is missing (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['a property the handler does not take, and one missing', { [ManifestsProps.objects]: undefined, Object: '[]' }, 'Custom::EksAccessManifests: property Objects is missing; property Object is not one it takes (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app'],
    ['a cluster name that is not a string', { [ManifestsProps.clusterName]: 5 }, 'property ClusterName = 5 is not an EKS cluster name (1-100 letters, digits, \'-\' and \'_\', starting with a letter or digit); pass the cluster\'s name'],
    ['an owner that is no label value', { [ManifestsProps.owner]: 'a/b' }, 'owner id "a/b" is not a label value: 1-63 letters, digits and -_. starting and ending with a letter or digit; the construct derives it, so pass its Owner unchanged'],
    ['Objects that are not JSON', { [ManifestsProps.objects]: '[{' }, 'property Objects is not valid JSON (2 characters starting "[{"); the construct renders it, so pass it unchanged'],
    ['a role that is no IAM role ARN', { [ManifestsProps.assumeRoleArn]: 'arn:aws:iam::111122223333:user/x' }, 'property AssumeRoleArn = "arn:aws:iam::111122223333:user/x" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the role\'s ARN or leave it out'],
    ['a role that is not a string', { [ManifestsProps.assumeRoleArn]: 5 }, 'property AssumeRoleArn = 5 is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the role\'s ARN or leave it out'],
    ['ReleaseAdopted neither true nor false', { [ManifestsProps.releaseAdopted]: 'yes' }, 'property ReleaseAdopted = "yes" must be "true" or "false" or left out; the construct sets it (KubernetesObjects releaseKubectlAdopted)'],
  ])('%s', async (_what, change, message) => {
    const h = await start();
    const event = h.event('Create', { owner: OWNER, objects: [configMap('default', 'x', {})] });
    expect(await failure(h.handler({ ...event, ResourceProperties: withChange(event.ResourceProperties, change) }))).toBe(message);
    expect(h.kube.requests).toEqual([]);
    expect(h.aws.requests).toEqual([]);
  });

  test('an Update whose new properties lack Objects is refused before any call: the old objects stay (never read as "no objects", which would prune them all)', async () => {
    const h = await start();
    const objects = [configMap('default', 'x', {}), configMap('default', 'y', {})];
    await h.handler(h.event('Create', { owner: OWNER, objects }));
    const since = h.kube.requests.length;
    const update = h.event('Update', { owner: OWNER, objects }, {});
    expect(await failure(h.handler({ ...update, ResourceProperties: withChange(update.ResourceProperties, { [ManifestsProps.objects]: undefined, Objcts: JSON.stringify(objects) }) })))
      .toBe('Custom::EksAccessManifests: property Objects is missing; property Objcts is not one it takes (it takes ClusterName, Owner, Objects, Patches, AssumeRoleArn, ReleaseAdopted; ClusterName, Owner, Objects required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app');
    expect(h.kube.requests.length).toBe(since);
    expect(stored(h, 'ConfigMap', 'default', 'y')).toBeDefined();
  });

  test('a Delete reads properties an earlier release wrote leniently: a key it no longer takes does not stop the removal', async () => {
    const h = await start();
    const objects = [configMap('default', 'x', {})];
    await h.handler(h.event('Create', { owner: OWNER, objects }));
    const del = h.event('Delete', { owner: OWNER, objects });
    expect((await h.handler({ ...del, ResourceProperties: { ...del.ResourceProperties, RetiredKey: 'x' } })).Data).toMatchObject({ Deleted: '1' });
    expect(stored(h, 'ConfigMap', 'default', 'x')).toBeUndefined();
  });

  test('an empty AssumeRoleArn is no role: the handler\'s own identity applies', async () => {
    const h = await start();
    const event = h.event('Create', { owner: OWNER, objects: [configMap('default', 'x', {})] });
    const result = await h.handler({ ...event, ResourceProperties: { ...event.ResourceProperties, [ManifestsProps.assumeRoleArn]: '' } });
    expect(result.Data).toMatchObject({ Created: '1' });
    expect(h.aws.requests.map((r) => r.operation)).toEqual(['DescribeCluster']);
  });

  test('a resource type the handler does not serve is refused naming the ones it serves', async () => {
    const h = await start();
    const event = { ...h.event('Create', { owner: OWNER }), ResourceType: 'Custom::Other' };
    expect(await failure(h.handler(event))).toBe('resource type "Custom::Other" is not served by the manifests handler (it serves Custom::EksAccessManifests and Custom::EksAccessManifestsRbac); point that resource at its own provider');
  });

  test('an event without ResourceType is the manifests resource', async () => {
    const h = await start();
    const event = { ...h.event('Create', { owner: OWNER, objects: [configMap('default', 'x', {})] }) };
    delete (event as { ResourceType?: string }).ResourceType;
    expect((await h.handler(event)).Data).toMatchObject({ Created: '1' });
  });

  test('an Update whose old properties do not parse prunes nothing; one of another cluster neither', async () => {
    const h = await start();
    const objects = [configMap('default', 'x', {})];
    await h.handler(h.event('Create', { owner: OWNER, objects: [...objects, configMap('default', 'y', {})] }));
    const since = h.kube.requests.length;
    const broken = h.handler(h.event('Update', { owner: OWNER, objects }, { OldResourceProperties: { [ManifestsProps.objects]: '{' } }));
    expect((await broken).Data).toMatchObject({ Unchanged: '1', Deleted: '0' });
    // A changed cluster name is a new resource (a new physical id; CloudFormation then deletes the old one with the old properties).
    const other = h.event('Update', { owner: OWNER, objects: [configMap('default', 'y', {})], clusterName: 'other' });
    const moved = await h.handler(h.event('Update', { owner: OWNER, objects }, { OldResourceProperties: other.ResourceProperties, PhysicalResourceId: other.PhysicalResourceId }));
    expect(other.PhysicalResourceId).toBe(`manifests/other/${OWNER}`);
    expect(moved).toMatchObject({ PhysicalResourceId: `manifests/demo/${OWNER}`, Data: { Unchanged: '1', Deleted: '0' } });
    expect(h.requestLog(since).filter((l) => l.startsWith('DELETE'))).toEqual([]);
  });
});
