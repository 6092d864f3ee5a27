/**
 * Config validation of `nodeGroups`: names (unique, and short enough for the node role name
 * "<clusterName>-node-<name>"), instance types, the size bounds and the disk size.
 */
import type { EnvironmentConfig, NodeGroupConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { problemLines } from '../problem-lines';
import { envConfig } from '../../../config-fixtures';

const group = (overrides: Partial<NodeGroupConfig> = {}): NodeGroupConfig => ({ name: 'general', instanceTypes: ['m6i.large'], minSize: 1, maxSize: 3, ...overrides });
const withGroups = (...nodeGroups: NodeGroupConfig[]) => envConfig({ nodeGroups });
const LABEL_FIX = 'must be a DNS-1123 label, for example "general"';
const ROLE_NAME_FIX = 'makes the node role name "<clusterName>-node-<name>" longer than 64 characters; shorten the node group or cluster name';
const MIN_FIX = 'must be a whole number >= 0';
const MAX_FIX = 'must be a whole number >= 1 and >= minSize';
const DESIRED_FIX = 'must lie between minSize and maxSize';

describe('nodeGroups itself', () => {
  test.each([['missing', undefined], ['not a list', { name: 'general' }], ['empty', []]])('%s is refused', (_label, nodeGroups) => {
    const shown = nodeGroups === undefined ? '(missing)' : JSON.stringify(nodeGroups);
    expect(problemLines(envConfig({ nodeGroups: nodeGroups as EnvironmentConfig['nodeGroups'] }))).toEqual([
      `[test] nodeGroups = ${shown}: declare at least one managed node group`,
    ]);
  });

  test('several valid groups are kept as given', () => {
    const groups = [group(), group({ name: 'batch', minSize: 0, maxSize: 4, desiredSize: 2, diskSize: 20 })];
    expect(validateEnvironment(withGroups(...groups)).nodeGroups).toEqual(groups);
  });
});

describe('name', () => {
  test.each([['upper case', 'General'], ['an underscore', 'gen_1'], ['a number', 5], ['a list holding a name', ['general']], ['missing', undefined]])('%s is refused', (_label, name) => {
    const shown = name === undefined ? '(missing)' : JSON.stringify(name);
    expect(problemLines(withGroups(group({ name: name as string })))).toEqual([`[test] nodeGroups[0].name = ${shown}: ${LABEL_FIX}`]);
  });

  test('a repeated name is refused on the second group', () => {
    expect(problemLines(withGroups(group(), group({ name: 'other' }), group()))).toEqual([
      '[test] nodeGroups[2].name = "general": is used by another node group; names must be unique',
    ]);
  });

  test('the node role name may be 64 characters (eks-access-test-node- is 21), not 65', () => {
    expect(() => validateEnvironment(withGroups(group({ name: 'g'.repeat(43) })))).not.toThrow();
    expect(problemLines(withGroups(group({ name: 'g'.repeat(44) })))).toEqual([`[test] nodeGroups[0].name = "${'g'.repeat(44)}": ${ROLE_NAME_FIX}`]);
  });

  test('an explicit clusterName counts instead of the default', () => {
    const clusterName = 'c'.repeat(50);
    expect(() => validateEnvironment(envConfig({ clusterName, nodeGroups: [group({ name: 'g'.repeat(8) })] }))).not.toThrow();
    expect(problemLines(envConfig({ clusterName, nodeGroups: [group({ name: 'g'.repeat(9) })] }))).toEqual([`[test] nodeGroups[0].name = "${'g'.repeat(9)}": ${ROLE_NAME_FIX}`]);
  });

  test('a name over 63 characters is not a label at all (reported as such, not as a long role name)', () => {
    expect(problemLines(withGroups(group({ name: 'g'.repeat(64) })))).toEqual([`[test] nodeGroups[0].name = "${'g'.repeat(64)}": ${LABEL_FIX}`]);
    expect(problemLines(withGroups(group({ name: 'g'.repeat(63) })))).toEqual([`[test] nodeGroups[0].name = "${'g'.repeat(63)}": ${ROLE_NAME_FIX}`]);
  });
});

describe('instanceTypes', () => {
  test.each([['missing', undefined], ['not a list', 'm6i.large'], ['empty', []]])('%s is refused', (_label, instanceTypes) => {
    const shown = instanceTypes === undefined ? '(missing)' : JSON.stringify(instanceTypes);
    expect(problemLines(withGroups(group({ instanceTypes: instanceTypes as string[] })))).toEqual([
      `[test] nodeGroups[0].instanceTypes = ${shown}: list at least one EC2 instance type, for example ["m6i.large"]`,
    ]);
  });

  test('each entry that is not an instance type is refused', () => {
    expect(problemLines(withGroups(group({ instanceTypes: ['m6i.large', 'M6i.large', 'large', 5 as unknown as string, 'c7g.metal-48xl', ['m6i.large'] as unknown as string] })))).toEqual([
      '[test] nodeGroups[0].instanceTypes[1] = "M6i.large": is not an EC2 instance type such as "m6i.large"',
      '[test] nodeGroups[0].instanceTypes[2] = "large": is not an EC2 instance type such as "m6i.large"',
      '[test] nodeGroups[0].instanceTypes[3] = 5: is not an EC2 instance type such as "m6i.large"',
      '[test] nodeGroups[0].instanceTypes[4] = "c7g.metal-48xl": is not an EC2 instance type such as "m6i.large"',
      '[test] nodeGroups[0].instanceTypes[5] = ["m6i.large"]: is not an EC2 instance type such as "m6i.large"',
    ]);
  });

  test.each(['m6i.large', 'c7gn.16xlarge', 'u-6tb1.metal'])('%s is accepted', (t) => {
    expect(() => validateEnvironment(withGroups(group({ instanceTypes: [t] })))).not.toThrow();
  });
});

describe('sizes', () => {
  test.each([
    ['min 0, max 1', { minSize: 0, maxSize: 1 }],
    ['min = max', { minSize: 2, maxSize: 2 }],
    ['desired = min', { minSize: 1, maxSize: 3, desiredSize: 1 }],
    ['desired = max', { minSize: 1, maxSize: 3, desiredSize: 3 }],
    ['desired 0 with min 0', { minSize: 0, maxSize: 3, desiredSize: 0 }],
  ])('%s is accepted', (_label, sizes) => {
    expect(() => validateEnvironment(withGroups(group(sizes)))).not.toThrow();
  });

  test.each([
    // desiredSize defaults to minSize, so it lies between minSize and maxSize here.
    ['min -1', { minSize: -1 }, [`[test] nodeGroups[0].minSize = -1: ${MIN_FIX}`]],
    ['min 1.5', { minSize: 1.5 }, [`[test] nodeGroups[0].minSize = 1.5: ${MIN_FIX}`, `[test] nodeGroups[0].desiredSize = (missing): ${DESIRED_FIX}`]],
    ['min missing', { minSize: undefined }, [`[test] nodeGroups[0].minSize = (missing): ${MIN_FIX}`, `[test] nodeGroups[0].desiredSize = (missing): ${DESIRED_FIX}`]],
    ['max 0', { minSize: 0, maxSize: 0 }, [`[test] nodeGroups[0].maxSize = 0: ${MAX_FIX}`]],
    ['max below min', { minSize: 3, maxSize: 2, desiredSize: 2 }, [`[test] nodeGroups[0].maxSize = 2: ${MAX_FIX}`, `[test] nodeGroups[0].desiredSize = 2: ${DESIRED_FIX}`]],
    ['max 2.5', { maxSize: 2.5 }, [`[test] nodeGroups[0].maxSize = 2.5: ${MAX_FIX}`]],
    ['desired below min', { minSize: 2, maxSize: 4, desiredSize: 1 }, [`[test] nodeGroups[0].desiredSize = 1: ${DESIRED_FIX}`]],
    ['desired above max', { minSize: 1, maxSize: 3, desiredSize: 4 }, [`[test] nodeGroups[0].desiredSize = 4: ${DESIRED_FIX}`]],
    ['desired 1.5', { minSize: 1, maxSize: 3, desiredSize: 1.5 }, [`[test] nodeGroups[0].desiredSize = 1.5: ${DESIRED_FIX}`]],
    ['desired missing with min above max', { minSize: 4, maxSize: 3 }, [`[test] nodeGroups[0].maxSize = 3: ${MAX_FIX}`, `[test] nodeGroups[0].desiredSize = (missing): ${DESIRED_FIX}`]],
  ])('%s is refused', (_label, sizes, lines) => {
    expect(problemLines(withGroups(group(sizes as Partial<NodeGroupConfig>)))).toEqual(lines);
  });
});

describe('diskSize', () => {
  test.each([undefined, 20, 100])('%s is accepted', (diskSize) => {
    expect(() => validateEnvironment(withGroups(group({ diskSize })))).not.toThrow();
  });

  test.each([[19, 19], [20.5, 20.5], ['a string', '50'], ['null', null]])('%s is refused', (_label, diskSize) => {
    expect(problemLines(withGroups(group({ diskSize: diskSize as number })))).toEqual([
      `[test] nodeGroups[0].diskSize = ${JSON.stringify(diskSize)}: must be a whole number of GiB >= 20`,
    ]);
  });
});

test('every problem of every group is reported, with its index', () => {
  expect(problemLines(withGroups(group(), group({ name: 'b', instanceTypes: [], diskSize: 10 })))).toEqual([
    '[test] nodeGroups[1].instanceTypes = []: list at least one EC2 instance type, for example ["m6i.large"]',
    '[test] nodeGroups[1].diskSize = 10: must be a whole number of GiB >= 20',
  ]);
});
