/**
 * Config validation of `vpc`: exactly one of a new VPC (`cidr`, with its AZ and NAT gateway
 * counts) or an existing one (`vpcId`), each bound checked at both edges.
 */
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { problemLines } from '../problem-lines';
import { envConfig } from '../../../config-fixtures';

const withVpc = (vpc: unknown) => envConfig({ vpc: vpc as EnvironmentConfig['vpc'] });
const REQUIRED = 'is required: { cidr: "10.0.0.0/16" } for a new VPC or { vpcId: "vpc-..." } for an existing one';
const ONE_OF = 'set exactly one of "cidr" (new VPC) or "vpcId" (existing VPC)';
const CIDR_FIX = 'must be an IPv4 CIDR between /16 and /24, for example "10.10.0.0/16"';
const AZS_FIX = 'must be an integer from 2 to 6 (EKS needs subnets in at least two AZs)';
const NAT_FIX = 'must be an integer from 1 to maxAzs (nodes in private subnets need a NAT gateway)';

describe('vpc itself', () => {
  test.each([['missing', undefined], ['null', null], ['a string', '10.0.0.0/16']])('%s is refused with both shapes as the fix', (_label, vpc) => {
    const shown = vpc === undefined ? '(missing)' : JSON.stringify(vpc);
    expect(problemLines(withVpc(vpc))).toEqual([`[test] vpc = ${shown}: ${REQUIRED}`]);
  });

  test('neither cidr nor vpcId is refused', () => {
    expect(problemLines(withVpc({ maxAzs: 2 }))).toEqual([`[test] vpc = {"maxAzs":2}: ${ONE_OF}`]);
  });

  test('both are refused, even when one is undefined (the key counts)', () => {
    expect(problemLines(withVpc({ cidr: '10.0.0.0/16', vpcId: undefined }))).toEqual([`[test] vpc = {"cidr":"10.0.0.0/16"}: ${ONE_OF}`]);
  });
});

describe('vpc.vpcId (an existing VPC)', () => {
  test.each(['vpc-0123abcd', 'vpc-0123456789abcdef0'])('%s (8 or 17 hex digits) is accepted', (vpcId) => {
    expect(validateEnvironment(withVpc({ vpcId })).vpc).toEqual({ vpcId });
  });

  test.each([
    ['7 hex digits', 'vpc-0123abc'],
    ['upper-case hex', 'vpc-0123ABCD'],
    ['no prefix', '0123456789abcdef0'],
    ['a number', 12345678],
    ['a list holding a VPC id', ['vpc-0123abcd']],
    ['missing', undefined],
  ])('%s is refused', (_label, vpcId) => {
    const shown = vpcId === undefined ? '(missing)' : JSON.stringify(vpcId);
    expect(problemLines(withVpc({ vpcId }))).toEqual([`[test] vpc.vpcId = ${shown}: must look like "vpc-0123456789abcdef0"`]);
  });

  test('the new-VPC counts are not checked for an existing VPC', () => {
    expect(() => validateEnvironment(withVpc({ vpcId: 'vpc-0123abcd', maxAzs: 99, natGateways: 0 }))).not.toThrow();
  });
});

describe('vpc.cidr (a new VPC)', () => {
  test.each(['10.0.0.0/16', '10.10.0.0/20', '192.168.1.0/24'])('%s is accepted', (cidr) => {
    expect(validateEnvironment(withVpc({ cidr })).vpc).toEqual({ cidr });
  });

  test.each([
    ['/15', '10.0.0.0/15'],
    ['/25', '10.0.0.0/25'],
    ['/0', '0.0.0.0/0'],
    ['no prefix', '10.0.0.0'],
    ['an octet above 255', '10.256.0.0/16'],
    ['a number', 10],
    ['undefined', undefined],
  ])('%s is refused', (_label, cidr) => {
    const shown = cidr === undefined ? '(missing)' : JSON.stringify(cidr);
    expect(problemLines(withVpc({ cidr }))).toEqual([`[test] vpc.cidr = ${shown}: ${CIDR_FIX}`]);
  });
});

describe('vpc.maxAzs', () => {
  test.each([2, 3, 6])('%s is accepted', (maxAzs) => {
    expect(validateEnvironment(withVpc({ cidr: '10.0.0.0/16', maxAzs })).vpc).toEqual({ cidr: '10.0.0.0/16', maxAzs });
  });

  test.each([[1, 1], [7, 7], [2.5, 2.5], ['a string', '3']])('%s is refused', (_label, maxAzs) => {
    expect(problemLines(withVpc({ cidr: '10.0.0.0/16', maxAzs }))).toEqual([`[test] vpc.maxAzs = ${JSON.stringify(maxAzs)}: ${AZS_FIX}`]);
  });
});

describe('vpc.natGateways', () => {
  test.each([[1, undefined], [2, undefined], [1, 6], [6, 6]])('%s NAT gateway(s) with maxAzs %s are accepted', (natGateways, maxAzs) => {
    expect(() => validateEnvironment(withVpc({ cidr: '10.0.0.0/16', natGateways, maxAzs }))).not.toThrow();
  });

  test.each([
    ['0', 0, undefined],
    ['3 over the default 2 AZs', 3, undefined],
    ['4 over 3 AZs', 4, 3],
    ['1.5', 1.5, undefined],
    ['a string', '1', undefined],
  ])('%s is refused', (_label, natGateways, maxAzs) => {
    expect(problemLines(withVpc({ cidr: '10.0.0.0/16', natGateways, maxAzs }))).toEqual([`[test] vpc.natGateways = ${JSON.stringify(natGateways)}: ${NAT_FIX}`]);
  });

  test('a bad cidr, maxAzs and natGateways are all reported', () => {
    expect(problemLines(withVpc({ cidr: '10.0.0.0/8', maxAzs: 1, natGateways: 2 }))).toEqual([
      `[test] vpc.cidr = "10.0.0.0/8": ${CIDR_FIX}`,
      `[test] vpc.maxAzs = 1: ${AZS_FIX}`,
      `[test] vpc.natGateways = 2: ${NAT_FIX}`,
    ]);
  });
});
