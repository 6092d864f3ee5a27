/**
 * Nested create-only properties, against the real CloudFormation specification (the one cdk
 * diff loads) and against a small stand-in specification for the walk's corner cases.
 */
import { nestedReplacements } from '../../lib/upgrade/nested';
import type { ResourceSpec } from '../../lib/upgrade/nested';

describe('the real specification', () => {
  test.each([
    ['AccessConfig', { AuthenticationMode: 'API_AND_CONFIG_MAP' }, { AuthenticationMode: 'API_AND_CONFIG_MAP', BootstrapClusterCreatorAdminPermissions: true }, ['AccessConfig.BootstrapClusterCreatorAdminPermissions']],
    ['AccessConfig', { AuthenticationMode: 'CONFIG_MAP' }, { AuthenticationMode: 'API_AND_CONFIG_MAP' }, []],
    ['ResourcesVpcConfig', { SubnetIds: ['a', 'b'], EndpointPublicAccess: true }, { SubnetIds: ['a', 'c'], EndpointPublicAccess: true }, ['ResourcesVpcConfig.SubnetIds']],
    ['ResourcesVpcConfig', { SubnetIds: ['a'], EndpointPublicAccess: true }, { SubnetIds: ['a'], EndpointPublicAccess: false, PublicAccessCidrs: ['203.0.113.0/24'] }, []],
    // Create-only as a whole: cdk diff's engine reports it already, the walk adds nothing.
    ['KubernetesNetworkConfig', { IpFamily: 'ipv4' }, { IpFamily: 'ipv6' }, []],
    ['Logging', undefined, { ClusterLogging: { EnabledTypes: [{ Type: 'audit' }] } }, []],
    ['Name', 'a', 'b', []],
  ])('AWS::EKS::Cluster %s %j -> %j replaces %j', (property, oldValue, newValue, expected) => {
    expect(nestedReplacements('AWS::EKS::Cluster', property, oldValue, newValue).map((c) => c.property)).toEqual(expected);
  });

  test('an unknown type or property: nothing', () => {
    expect(nestedReplacements('Custom::Thing', 'A', { x: 1 }, { x: 2 })).toEqual([]);
    expect(nestedReplacements('AWS::EKS::Cluster', 'NoSuchProperty', { x: 1 }, { x: 2 })).toEqual([]);
  });
});

describe('the walk', () => {
  /** Outer.{Fixed (create-only), Free, Inner.{Fixed}, Items[] of Inner}. */
  type Definition = ReturnType<ResourceSpec['definition']>;
  const inner: Definition = { properties: { Fixed: { type: { type: 'string' }, causesReplacement: 'maybe' } } };
  const spec: ResourceSpec = {
    resourceProperties: (type) => (type === 'Test::Thing' ? { Outer: { type: { type: 'ref', reference: { $ref: 'outer' } } } } : undefined),
    definition: (ref): Definition => (ref === 'outer'
      ? { properties: {
        Fixed: { type: { type: 'string' }, causesReplacement: 'yes' },
        Free: { type: { type: 'string' } },
        Inner: { type: { type: 'ref', reference: { $ref: 'inner' } } },
        Items: { type: { type: 'array', element: { type: 'ref', reference: { $ref: 'inner' } } } },
        Loop: { type: { type: 'ref', reference: { $ref: 'outer' } } },
      } }
      : inner),
  };
  const walk = (o: unknown, n: unknown) => nestedReplacements('Test::Thing', 'Outer', o, n, spec);

  test.each([
    ['an updatable field', { Free: 'a' }, { Free: 'b' }, []],
    ['a create-only field changed', { Fixed: 'a' }, { Fixed: 'b' }, [{ property: 'Outer.Fixed', oldValue: 'a', newValue: 'b' }]],
    ['a create-only field added', {}, { Fixed: 'b' }, [{ property: 'Outer.Fixed', oldValue: undefined, newValue: 'b' }]],
    ['the whole property added', undefined, { Fixed: 'b' }, [{ property: 'Outer.Fixed', oldValue: undefined, newValue: 'b' }]],
    ['a deeper create-only field (maybe counts)', { Inner: { Fixed: 'a' } }, { Inner: { Fixed: 'b' } }, [{ property: 'Outer.Inner.Fixed', oldValue: 'a', newValue: 'b' }]],
    ['an array element of the same length', { Items: [{ Fixed: 'a' }, { Fixed: 'x' }] }, { Items: [{ Fixed: 'a' }, { Fixed: 'y' }] }, [{ property: 'Outer.Items[1].Fixed', oldValue: 'x', newValue: 'y' }]],
    ['an array of another length', { Items: [{ Fixed: 'a' }] }, { Items: [] }, [{ property: 'Outer.Items', oldValue: [{ Fixed: 'a' }], newValue: [] }]],
    ['an intrinsic over a type with create-only fields (self-referencing types end)', { Fixed: 'a' }, { 'Fn::If': ['C', { Fixed: 'a' }, { Ref: 'AWS::NoValue' }] }, [{ property: 'Outer', oldValue: { Fixed: 'a' }, newValue: { 'Fn::If': ['C', { Fixed: 'a' }, { Ref: 'AWS::NoValue' }] } }]],
    ['equal values', { Fixed: 'a', Free: 'b' }, { Free: 'b', Fixed: 'a' }, []],
  ])('%s', (_name, o, n, expected) => {
    expect(walk(o, n)).toEqual(expected);
  });
});
