/**
 * PowerChangeAlarms: the exact EventBridge patterns, targets, metric filter and alarm in the
 * template; and what the patterns select, proven by two small evaluators of the subsets of
 * EventBridge's and CloudWatch Logs' pattern languages the construct uses, run on CloudTrail and
 * Kubernetes audit events shaped as AWS and the API server record them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AWS_AUTH_WRITE_VERBS, CLOUDTRAIL_API_CALL, EKS_POWER_EVENTS, EVENT_PATTERN_QUOTA, PowerChangeAlarms,
  awsAuthWriteFilterPattern, functionRuleGroups,
} from '../../../lib/constructs/power-change-alarms';
import { ACCOUNT, REGION, importedCluster, onlyResource, renderString, resourcesOfType } from '../../util';

const CLUSTER = 'my-cluster';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:eks-access-alarms`;
const HANDLER_ROLE = 'handler-role';
const FUNCTIONS = ['fn-a', 'fn-b'];

// Every app of this file synthesizes below one temp dir, removed at the end.
const OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-power-change-'));
afterAll(() => fs.rmSync(OUTDIR, { recursive: true, force: true }));
const newApp = () => new App({ outdir: fs.mkdtempSync(path.join(OUTDIR, 'app-')) });

function synth(): Template {
  const stack = new Stack(newApp(), 'Alarms', { env: { account: ACCOUNT, region: REGION } });
  new PowerChangeAlarms(stack, 'PowerChanges', {
    cluster: importedCluster(stack, 'Cluster', CLUSTER),
    topic: sns.Topic.fromTopicArn(stack, 'Topic', TOPIC),
    functionNames: FUNCTIONS,
    awsAuthWriterRole: iam.Role.fromRoleName(stack, 'HandlerRole', HANDLER_ROLE),
  });
  return Template.fromStack(stack);
}

// ---------------------------------------------------------------------------------------------
// Evaluators
// ---------------------------------------------------------------------------------------------

/** The parts of a synthesized event pattern the tests read. */
interface RulePattern { source: string[]; detail: { requestParameters: { functionName: unknown[] } } }

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * EventBridge matching for the pattern subset used here: nested objects; arrays of exact
 * strings and `prefix`, `suffix`, `wildcard` (`*` = any run of characters) matchers; an event
 * array matches when one element does. Any other matcher throws, so a pattern outside the subset
 * cannot pass by accident.
 */
function eventMatches(pattern: Record<string, unknown>, event: Json): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    const value = event && typeof event === 'object' && !Array.isArray(event) ? event[key] : undefined;
    if (Array.isArray(sub)) {
      const values = Array.isArray(value) ? value : [value];
      return values.some((v) => sub.some((m) => leafMatches(m, v)));
    }
    return value !== undefined && eventMatches(sub as Record<string, unknown>, value);
  });
}

function leafMatches(matcher: unknown, value: Json | undefined): boolean {
  if (typeof matcher === 'string') return value === matcher;
  if (typeof value !== 'string') return false;
  const m = matcher as Record<string, string>;
  const [kind] = Object.keys(m);
  if (Object.keys(m).length !== 1) throw new Error(`matcher outside the subset: ${JSON.stringify(matcher)}`);
  switch (kind) {
    case 'prefix': return value.startsWith(m.prefix);
    case 'suffix': return value.endsWith(m.suffix);
    case 'wildcard': return globToRegExp(m.wildcard).test(value);
    default: throw new Error(`matcher outside the subset: ${JSON.stringify(matcher)}`);
  }
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * CloudWatch Logs JSON filter patterns, for the subset the construct writes: `{ EXPR }` where
 * EXPR is a parenthesized comparison `($.a.b = "v")` / `($.a.b != "v")` (`*` in the value is a
 * wildcard), or a parenthesized group of EXPRs joined by only `&&` or only `||` (mixing them
 * in one group throws: the construct must not rely on precedence). A selector that is absent or
 * not a string fails both `=` and `!=`.
 */
function filterMatches(pattern: string, event: Json): boolean {
  const m = /^\{\s*(.*)\s*\}$/s.exec(pattern);
  if (!m) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const tokens = m[1].match(/\(|\)|&&|\|\||\$(?:\.[A-Za-z0-9_]+)+|!=|=|"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  let i = 0;
  const next = (): string => { if (i >= tokens.length) throw new Error('unexpected end of pattern'); return tokens[i++]; };
  const expect = (t: string): void => { const got = next(); if (got !== t) throw new Error(`expected ${t}, got ${got}`); };

  function operand(): boolean {
    const t = next();
    if (t === '(') {
      const result = group();
      expect(')');
      return result;
    }
    if (!t.startsWith('$.')) throw new Error(`expected a selector, got ${t}`);
    const op = next();
    const literal = next();
    if ((op !== '=' && op !== '!=') || !literal.startsWith('"')) throw new Error(`comparison outside the subset: ${t} ${op} ${literal}`);
    const value = t.slice(2).split('.').reduce<Json | undefined>((v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined), event);
    if (typeof value !== 'string') return false;
    const equal = globToRegExp(JSON.parse(literal) as string).test(value);
    return op === '=' ? equal : !equal;
  }

  function group(): boolean {
    const results = [operand()];
    let joiner: string | undefined;
    while (tokens[i] === '&&' || tokens[i] === '||') {
      const t = next();
      if (joiner && joiner !== t) throw new Error('&& and || mixed in one group: parenthesize');
      joiner = t;
      results.push(operand());
    }
    return joiner === '||' ? results.some(Boolean) : results.every(Boolean);
  }

  const result = group();
  if (i !== tokens.length) throw new Error(`trailing tokens: ${tokens.slice(i).join(' ')}`);
  return result;
}

// The evaluators themselves: each case would catch a matcher that accepts everything.
describe('the evaluators', () => {
  test('EventBridge subset', () => {
    expect(eventMatches({ a: { b: ['x', { prefix: 'p-' }] } }, { a: { b: 'p-1' } })).toBe(true);
    expect(eventMatches({ a: { b: ['x', { prefix: 'p-' }] } }, { a: { b: 'q-1' } })).toBe(false);
    expect(eventMatches({ a: [{ wildcard: '*:f:n:*' }] }, { a: 'arn:f:n:1' })).toBe(true);
    expect(eventMatches({ a: [{ wildcard: '*:f:n:*' }] }, { a: 'arn:f:nn:1' })).toBe(false);
    expect(eventMatches({ a: [{ suffix: ':n' }] }, { b: 'x:n' })).toBe(false);
    expect(() => eventMatches({ a: [{ 'anything-but': 'x' }] }, { a: 'y' })).toThrow('matcher outside the subset');
  });
  test('CloudWatch Logs subset', () => {
    const e = { a: { b: 'xyz' }, n: 1 };
    expect(filterMatches('{ ($.a.b = "x*") && ($.a.b != "xyz") }', e)).toBe(false);
    expect(filterMatches('{ ($.a.b = "x*") && ($.a.b != "xy") }', e)).toBe(true);
    expect(filterMatches('{ (($.a.b = "q") || ($.a.b = "xyz")) && ($.a.b = "*z") }', e)).toBe(true);
    expect(filterMatches('{ ($.a.c != "q") }', e)).toBe(false);
    expect(filterMatches('{ ($.n = "1") }', e)).toBe(false);
    expect(() => filterMatches('{ ($.a.b = "q") || ($.a.b = "x") && ($.a.b = "y") }', e)).toThrow('mixed');
  });
});

// ---------------------------------------------------------------------------------------------
// Template
// ---------------------------------------------------------------------------------------------

describe('template', () => {
  const template = synth();

  test('two rules: EKS power changes on this cluster, and changes of the app functions, each to the topic', () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules).toHaveLength(2);
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventPattern: Match.objectEquals({
        'source': ['aws.eks'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['eks.amazonaws.com'],
          eventName: ['CreateAccessEntry', 'AssociateAccessPolicy', 'UpdateAccessEntry', 'UpdateClusterConfig'],
          requestParameters: { name: [CLUSTER] },
        },
      }),
      Targets: [{ Arn: TOPIC, Id: Match.anyValue() }],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventPattern: Match.objectEquals({
        'source': ['aws.lambda'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['lambda.amazonaws.com'],
          eventName: [{ prefix: 'UpdateFunctionCode' }, { prefix: 'UpdateFunctionConfiguration' }, { prefix: 'AddPermission' }],
          requestParameters: {
            functionName: [
              'fn-a', { suffix: ':function:fn-a' }, { prefix: 'fn-a:' }, { wildcard: '*:function:fn-a:*' },
              'fn-b', { suffix: ':function:fn-b' }, { prefix: 'fn-b:' }, { wildcard: '*:function:fn-b:*' },
            ],
          },
        },
      }),
      Targets: [{ Arn: TOPIC, Id: Match.anyValue() }],
    });
  });

  test("the metric filter reads the cluster's audit log group and excludes the handler's assumed-role sessions", () => {
    const [, filter] = onlyResource(template, 'AWS::Logs::MetricFilter');
    expect(filter.Properties?.LogGroupName).toBe(`/aws/eks/${CLUSTER}/cluster`);
    expect(filter.Properties?.MetricTransformations).toEqual([{ MetricNamespace: 'eks-access', MetricName: `AwsAuthWritesByOthers-${CLUSTER}`, MetricValue: '1' }]);
    expect(filterPatternOf(template)).toBe(
      '{ ($.stage = "ResponseComplete") && ($.objectRef.resource = "configmaps") && ($.objectRef.namespace = "kube-system")'
      + ' && ((($.objectRef.name = "aws-auth") && (($.verb = "create") || ($.verb = "update") || ($.verb = "patch") || ($.verb = "delete"))) || ($.verb = "deletecollection"))'
      + ` && ($.user.username != "arn:aws:sts::${ACCOUNT}:assumed-role/${HANDLER_ROLE}/*") }`);
  });

  test('the alarm fires on one write in five minutes, notifies the topic, and stays OK without data', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectEquals({
      AlarmDescription: `eks-access: kube-system/aws-auth of ${CLUSTER} was written by someone other than the merge handler (see the cluster's audit log)`,
      Namespace: 'eks-access',
      MetricName: `AwsAuthWritesByOthers-${CLUSTER}`,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [TOPIC],
    }));
  });

  test("the construct does not touch the imported topic's policy", () => {
    expect(resourcesOfType(template, 'AWS::SNS::TopicPolicy')).toEqual([]);
  });
});

describe('rules per function group', () => {
  test("as many rules as keep each pattern within EventBridge's default quota at the longest names, covering every function once", () => {
    const stack = new Stack(newApp(), 'Many', { env: { account: ACCOUNT, region: REGION } });
    const longest = Array.from({ length: 11 }, (_, i) => `${String(i).padStart(2, '0')}${'f'.repeat(62)}`);
    new PowerChangeAlarms(stack, 'PowerChanges', {
      cluster: importedCluster(stack, 'Cluster', CLUSTER),
      topic: sns.Topic.fromTopicArn(stack, 'Topic', TOPIC),
      functionNames: longest,
      awsAuthWriterRole: iam.Role.fromRoleName(stack, 'HandlerRole', HANDLER_ROLE),
    });
    const rules = resourcesOfType(Template.fromStack(stack), 'AWS::Events::Rule')
      .map(([, r]) => r.Properties?.EventPattern as RulePattern)
      .filter((p) => p.source[0] === 'aws.lambda');
    expect(rules.length).toBeGreaterThan(1);
    for (const p of rules) expect(JSON.stringify(p).length).toBeLessThanOrEqual(EVENT_PATTERN_QUOTA);
    const exact = rules.flatMap((p) => p.detail.requestParameters.functionName.filter((f) => typeof f === 'string'));
    expect(exact).toEqual(longest);
  });
  test('a token counts as the longest function name', () => {
    const tokens = Array.from({ length: 11 }, (_, i) => Lazy.string({ produce: () => `fn-${i}` }));
    expect(functionRuleGroups(tokens).map((g) => g.length)).toEqual(functionRuleGroups(tokens.map(() => 'f'.repeat(64))).map((g) => g.length));
    expect(functionRuleGroups(['a', 'b', 'c'])).toEqual([['a', 'b', 'c']]);
  });
});

/** The synthesized EventPattern of the rule on events of `source`. */
function eventPatternOf(template: Template, source: string): Record<string, unknown> {
  const [, rule] = onlyResource(template, 'AWS::Events::Rule', (r) => JSON.stringify((r.Properties?.EventPattern as { source?: unknown }).source) === JSON.stringify([source]));
  return rule.Properties?.EventPattern as Record<string, unknown>;
}

/** The filter pattern with the stack's partition (the only intrinsic in it here) rendered as `aws`. */
function filterPatternOf(template: Template): string {
  const [, filter] = onlyResource(template, 'AWS::Logs::MetricFilter');
  const { text, tokens } = renderString(filter.Properties?.FilterPattern);
  let out = text;
  for (const [placeholder, intrinsic] of tokens) {
    expect(intrinsic).toEqual({ Ref: 'AWS::Partition' });
    out = out.split(placeholder).join('aws');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the patterns select
// ---------------------------------------------------------------------------------------------

/** A CloudTrail management event as EventBridge delivers it to the default bus. */
function cloudTrail(source: string, eventSource: string, eventName: string, requestParameters: Record<string, Json>): Json {
  return {
    'version': '0', 'source': source, 'detail-type': CLOUDTRAIL_API_CALL, 'account': ACCOUNT, 'region': REGION,
    'detail': {
      eventVersion: '1.08', eventSource, eventName, awsRegion: REGION, eventType: 'AwsApiCall', readOnly: false,
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/someone/session` },
      requestParameters,
    },
  };
}

describe('the EKS rule', () => {
  const pattern = eventPatternOf(synth(), 'aws.eks');
  const eks = (eventName: string, cluster = CLUSTER) => cloudTrail('aws.eks', 'eks.amazonaws.com', eventName, {
    name: cluster, principalArn: `arn:aws:iam::${ACCOUNT}:role/intruder`,
  });

  test.each([...EKS_POWER_EVENTS])('matches %s on this cluster', (eventName) => {
    expect(eventMatches(pattern, eks(eventName))).toBe(true);
  });
  test.each(['DeleteAccessEntry', 'DescribeCluster', 'ListAccessEntries'])('ignores %s', (eventName) => {
    expect(eventMatches(pattern, eks(eventName))).toBe(false);
  });
  test("ignores another cluster's access entries", () => {
    expect(eventMatches(pattern, eks('CreateAccessEntry', 'other-cluster'))).toBe(false);
  });
});

describe('the Lambda rule', () => {
  const pattern = eventPatternOf(synth(), 'aws.lambda');
  const lambda = (eventName: string, functionName: string) =>
    cloudTrail('aws.lambda', 'lambda.amazonaws.com', eventName, { functionName });
  const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

  test.each(['UpdateFunctionCode20150331v2', 'UpdateFunctionConfiguration20150331v2', 'AddPermission20150331v2', 'AddPermission20150331'])(
    'matches %s', (eventName) => {
      expect(eventMatches(pattern, lambda(eventName, 'fn-b'))).toBe(true);
    });
  test.each(['fn-a', arn('fn-a'), `${ACCOUNT}:function:fn-a`, 'fn-a:live', `${arn('fn-a')}:7`, `${ACCOUNT}:function:fn-a:live`])(
    'matches the function named as %s', (name) => {
      expect(eventMatches(pattern, lambda('UpdateFunctionCode20150331v2', name))).toBe(true);
    });
  test.each(['fn-ab', 'xfn-a', arn('fn-ab'), arn('xfn-a'), `${arn('xfn-a')}:7`, 'fn-abc:live'])(
    'ignores another function named %s', (name) => {
      expect(eventMatches(pattern, lambda('UpdateFunctionCode20150331v2', name))).toBe(false);
    });
  test.each(['Invoke', 'GetFunction20150331v2', 'DeleteFunction20150331'])('ignores %s', (eventName) => {
    expect(eventMatches(pattern, lambda(eventName, 'fn-a'))).toBe(false);
  });
});

describe('the aws-auth filter pattern', () => {
  const pattern = filterPatternOf(synth());
  const handlerSession = `arn:aws:sts::${ACCOUNT}:assumed-role/${HANDLER_ROLE}/test-Access-AwsAuthProviderHandler-AbCdEf`;

  /** A Kubernetes audit event (audit.k8s.io/v1) as EKS writes it to the `kube-apiserver-audit-*` streams. */
  function audit(verb: string, username: string, overrides: { name?: string; namespace?: string; stage?: string } = {}): Json {
    const name = overrides.name ?? 'aws-auth';
    const namespace = overrides.namespace ?? 'kube-system';
    const objectRef: Record<string, Json> = { resource: 'configmaps', namespace, apiVersion: 'v1' };
    if (verb !== 'deletecollection') objectRef.name = name;
    return {
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'RequestResponse', auditID: '7f0e0d1c-0000-4000-8000-000000000000',
      stage: overrides.stage ?? 'ResponseComplete',
      requestURI: `/api/v1/namespaces/${namespace}/configmaps${verb === 'create' || verb === 'deletecollection' ? '' : `/${name}`}`,
      verb,
      user: {
        username,
        uid: `aws-iam-authenticator:${ACCOUNT}:AROAEXAMPLE`,
        groups: ['system:authenticated'],
        extra: { arn: [username], sessionName: [username.split('/').pop() ?? ''] },
      },
      sourceIPs: ['10.0.1.23'], userAgent: 'kubectl/v1.35.0',
      objectRef,
      responseStatus: { metadata: {}, code: 200 },
    };
  }

  test.each([...AWS_AUTH_WRITE_VERBS])("the handler's %s does not match", (verb) => {
    expect(filterMatches(pattern, audit(verb, handlerSession))).toBe(false);
  });
  test.each([...AWS_AUTH_WRITE_VERBS])('%s by someone else matches', (verb) => {
    expect(filterMatches(pattern, audit(verb, `arn:aws:sts::${ACCOUNT}:assumed-role/external_admin/alice`))).toBe(true);
  });
  test.each([
    ['a role whose name extends the handler role\'s', `arn:aws:sts::${ACCOUNT}:assumed-role/${HANDLER_ROLE}-evil/x`],
    ['the same role name in another account', `arn:aws:sts::210987654321:assumed-role/${HANDLER_ROLE}/x`],
    ['an IAM user', `arn:aws:iam::${ACCOUNT}:user/ci-bot`],
    ['a Kubernetes identity', 'system:serviceaccount:kube-system:some-controller'],
  ])('an update by %s matches', (_what, username) => {
    expect(filterMatches(pattern, audit('update', username))).toBe(true);
  });
  test('deleting every kube-system ConfigMap at once matches (deletecollection names no object)', () => {
    expect(filterMatches(pattern, audit('deletecollection', 'kubernetes-admin'))).toBe(true);
  });
  test.each([
    ['a read', audit('get', 'kubernetes-admin')],
    ['a write of another ConfigMap', audit('update', 'kubernetes-admin', { name: 'coredns' })],
    ['a write of an aws-auth in another namespace', audit('update', 'kubernetes-admin', { namespace: 'default' })],
    ['a deletecollection elsewhere', audit('deletecollection', 'kubernetes-admin', { namespace: 'default' })],
    ['a stage other than ResponseComplete', audit('update', 'kubernetes-admin', { stage: 'ResponseStarted' })],
  ])('%s does not match', (_what, event) => {
    expect(filterMatches(pattern, event)).toBe(false);
  });
  test('the pattern is built from the username it excludes', () => {
    expect(filterMatches(awsAuthWriteFilterPattern('someone'), audit('patch', 'someone'))).toBe(false);
    expect(filterMatches(awsAuthWriteFilterPattern('someone'), audit('patch', handlerSession))).toBe(true);
  });
});
