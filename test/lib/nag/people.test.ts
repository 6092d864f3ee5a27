/**
 * lib/nag/people.ts: a people role with console access synthesizes with zero cdk-nag findings,
 * its two wildcards acknowledged with reasons, and nothing else acknowledged.
 */
import { App, Stack, Token } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { nagResourceOf } from '../../../lib/nag/people';
import { Groups } from '../../../lib/k8s/groups';
import { readNagFindings } from '../../../lib/nag/report';
import { envConfig, synthApp } from '../../util';

test('the finding resource of a literal ARN, of a joined ARN with a cross-stack part, and of any other value', () => {
  const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  expect(nagResourceOf(stack, 'arn:aws:eks:eu-west-1:123456789012:nodegroup/c/*/*')).toBe('Resource::arn:aws:eks:eu-west-1:123456789012:nodegroup/c/*/*');
  const cluster = eks.Cluster.fromClusterAttributes(stack, 'C', { clusterName: Token.asString({ Ref: 'X' }) });
  expect(nagResourceOf(stack, `arn:aws:eks:eu-west-1:123456789012:nodegroup/${cluster.clusterName}/*/*`)).toBe('Resource::arn:aws:eks:eu-west-1:123456789012:nodegroup/{"Ref":"X"}/*/*');
});

test('a person with consoleAccess: zero findings; the acknowledgements name ListClusters and the node groups', () => {
  const { app } = synthApp([envConfig({ people: [{ roleName: 'test_developer', username: 'developer', groups: [Groups.developer], consoleAccess: true }] })]);
  expect(readNagFindings(app.outdir)).toEqual([]);
  const role = app.node.findAll().find((c) => c.node.path === 'test/Access/Person-test_developer/Role');
  const acknowledged = role?.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').flatMap((m) => Object.keys(m.data as Record<string, string>));
  expect(acknowledged).toEqual([
    'Annotation::AwsSolutions-IAM5[Resource::*]',
    'Annotation::AwsSolutions-IAM5[Resource::arn:aws:eks:eu-west-1:123456789012:nodegroup/eks-access-test/*/*]',
  ]);
});
