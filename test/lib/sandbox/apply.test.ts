/**
 * `sandbox apply` sends the handler what CloudFormation would: the event's properties equal the
 * merge resource's properties in the synthesized `<env>/Access` template (every reference
 * resolved to the value it takes once deployed), and the function configuration equals the
 * synthesized handler's. And it refuses to run unless every endpoint is a local sandbox.
 */
import type { TemplateJson } from '../../util';
import { onlyResource, resolveCrossStack, resourcesOfType, synthApp } from '../../util';
import { AWS_AUTH_RESOURCE_TYPE, AwsAuthFunctionEnv } from '../../../lambda/aws-auth/api';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE, withPipelineVerifiers } from '../../../lib/config/pipeline';
import { NotASandboxError, SANDBOX_ENDPOINT_VARIABLES, checkSandboxEndpoints, createEvent, functionEnvironment, sandboxFunctionName } from '../../../lib/sandbox/apply';
import { findEnvironment } from '../../../lib/sandbox/environments';

const env = findEnvironment('dev');

/**
 * The deployed value of a template value: cross-stack outputs followed, `Ref` of the cluster and
 * `Fn::GetAtt Arn` of a named role replaced by what they become, pseudo parameters filled in.
 * Anything else unresolved fails the test.
 */
function deployed(value: unknown, templates: ReadonlyMap<string, TemplateJson>): unknown {
  const v = resolveCrossStack(value, templates);
  if (Array.isArray(v)) return v.map((x) => deployed(x, templates));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const resource = (id: string) => [...templates.values()].map((t) => t.Resources?.[id]).find((r) => r !== undefined);
  if ('Ref' in o) {
    const ref = o.Ref as string;
    const pseudo: Record<string, string> = { 'AWS::Partition': env.partition, 'AWS::AccountId': env.account, 'AWS::Region': env.region };
    if (pseudo[ref]) return pseudo[ref];
    const r = resource(ref);
    if (r?.Type === 'AWS::EKS::Cluster' && typeof r.Properties?.Name === 'string') return r.Properties.Name;
    throw new Error(`cannot resolve Ref ${ref} (${r?.Type})`);
  }
  if ('Fn::GetAtt' in o) {
    const [id, attr] = o['Fn::GetAtt'] as [string, string];
    const r = resource(id);
    const name = r?.Properties?.RoleName;
    if (r?.Type === 'AWS::IAM::Role' && attr === 'Arn' && typeof name === 'string') {
      return `arn:${env.partition}:iam::${env.account}:role${(r.Properties?.Path as string | undefined) ?? '/'}${name}`;
    }
    throw new Error(`cannot resolve Fn::GetAtt ${id}.${attr} (${r?.Type})`);
  }
  if ('Fn::Join' in o) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => deployed(p, templates)).join(sep);
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, deployed(x, templates)]));
}

describe('the Create event and the function configuration, against the synthesized dev/Access', () => {
  // dev as the default app builds it: with the pipeline's verify step among its verifiers.
  const synthesized = synthApp(withPipelineVerifiers(ENVIRONMENTS, PIPELINE).filter((e) => e.name === env.name)).envs.get(env.name)!;

  test('the event carries exactly the merge resource\'s properties, as deployed', () => {
    const [, resource] = onlyResource(synthesized.access, AWS_AUTH_RESOURCE_TYPE);
    const { ServiceToken, ...props } = resource.Properties as Record<string, unknown>;
    expect(ServiceToken).toBeDefined();
    const { ServiceToken: ours, ...event } = createEvent(env).ResourceProperties;
    expect(ours).toBe(`arn:aws:lambda:${env.region}:${env.account}:function:${sandboxFunctionName(env)}`);
    expect(event).toEqual(deployed(props, synthesized.byStackName));
  });

  test('the function configuration lists the same owners for each switch as the synthesized handler', () => {
    const handlers = resourcesOfType(synthesized.access, 'AWS::Lambda::Function',
      (r) => JSON.stringify(r.Properties?.Environment ?? {}).includes(AwsAuthFunctionEnv.clusterAdminOwners));
    expect(handlers).toHaveLength(1);
    const variables = (handlers[0][1].Properties?.Environment as { Variables: Record<string, string> }).Variables;
    const ours = functionEnvironment(env);
    for (const name of Object.values(AwsAuthFunctionEnv)) expect({ name, value: ours[name] }).toEqual({ name, value: variables[name] });
    expect(ours.AWS_LAMBDA_FUNCTION_NAME).toBe(sandboxFunctionName(env));
  });

  test('a Create event: no physical id yet, the Access stack of the environment', () => {
    const event = createEvent(env);
    expect(event.RequestType).toBe('Create');
    expect(event.PhysicalResourceId).toBeUndefined();
    expect(event.StackId).toBe(`arn:aws:cloudformation:${env.region}:${env.account}:stack/dev-Access/sandbox`);
  });
});

describe('checkSandboxEndpoints', () => {
  const local = Object.fromEntries(SANDBOX_ENDPOINT_VARIABLES.map((v) => [v, 'http://127.0.0.1:4566']));

  test.each([
    ['127.0.0.1', 'http://127.0.0.1:4566'],
    ['localhost', 'http://localhost:4566'],
    ['IPv6 loopback', 'http://[::1]:4566'],
  ])('accepts %s', (_, url) => {
    expect(() => checkSandboxEndpoints({ ...local, AWS_ENDPOINT_URL_STS: url })).not.toThrow();
  });

  test.each([
    ['unset', undefined, 'AWS_ENDPOINT_URL_IAM is not set, not the address of a local sandbox'],
    ['a real AWS endpoint', 'https://iam.amazonaws.com', 'AWS_ENDPOINT_URL_IAM is "https://iam.amazonaws.com", not the address of a local sandbox'],
    ['a host that only starts like loopback', 'http://127.0.0.1.example.com', 'AWS_ENDPOINT_URL_IAM is "http://127.0.0.1.example.com", not the address of a local sandbox'],
    ['not a URL', '127.0.0.1:4566', 'AWS_ENDPOINT_URL_IAM is "127.0.0.1:4566", not the address of a local sandbox'],
  ])('refuses %s, naming the variable, the value and the fix', (_, url, message) => {
    const environment = { ...local, AWS_ENDPOINT_URL_IAM: url };
    expect(() => checkSandboxEndpoints(environment)).toThrow(NotASandboxError);
    expect(() => checkSandboxEndpoints(environment)).toThrow(`${message}; start "npm run sandbox" and run the export lines it prints in this shell first`);
  });
});
