import type { PodSecurityLevel } from '../../../lib/config/types';
import {
  DEFAULT_POD_SECURITY_LEVEL,
  POD_SECURITY_LABEL_PREFIX,
  POD_SECURITY_MODES,
  podSecurityLabels,
  podSecurityVersion,
} from '../../../lib/k8s/pod-security';

const refusal = (version: string) =>
  `Kubernetes version "${version}" is not "<major>.<minor>", so it cannot pin the Pod Security version. ` +
  'Set kubernetesVersion to the cluster\'s minor version, for example "1.35".';

describe('podSecurityVersion', () => {
  test.each([
    ['1.35', 'v1.35'],
    ['1.9', 'v1.9'],
    ['10.100', 'v10.100'],
    ['2.0', 'v2.0'],
  ])('%j -> %j', (kubernetesVersion, version) => {
    expect(podSecurityVersion(kubernetesVersion)).toBe(version);
  });

  test.each([
    ['latest', 'a name instead of a version'],
    ['v1.35', 'a leading v'],
    ['1.35.2', 'a patch version'],
    ['1.35 ', 'trailing space'],
    [' 1.35', 'leading space'],
    ['x1.35', 'a prefix'],
    ['1.35x', 'a suffix'],
    ['1', 'no minor'],
    ['1.', 'an empty minor'],
    ['.35', 'an empty major'],
    ['1-35', 'no dot'],
    ['1.a', 'a non-digit minor'],
    ['a.35', 'a non-digit major'],
    ['', 'nothing'],
  ])('%j (%s) is refused with the value and the fix', (kubernetesVersion) => {
    expect(() => podSecurityVersion(kubernetesVersion)).toThrow(new Error(refusal(kubernetesVersion)));
  });
});

describe('podSecurityLabels', () => {
  test.each<PodSecurityLevel>(['privileged', 'baseline', 'restricted'])('level %s on every mode, each pinned to the version', (level) => {
    expect(podSecurityLabels('1.35', level)).toEqual({
      'pod-security.kubernetes.io/enforce': level,
      'pod-security.kubernetes.io/enforce-version': 'v1.35',
      'pod-security.kubernetes.io/audit': level,
      'pod-security.kubernetes.io/audit-version': 'v1.35',
      'pod-security.kubernetes.io/warn': level,
      'pod-security.kubernetes.io/warn-version': 'v1.35',
    });
  });

  test('without a level: restricted', () => {
    expect(DEFAULT_POD_SECURITY_LEVEL).toBe('restricted');
    expect(podSecurityLabels('1.34')).toEqual(podSecurityLabels('1.34', 'restricted'));
    expect(Object.values(podSecurityLabels('1.34')).filter((v) => v === 'restricted')).toHaveLength(3);
  });

  test('the version follows the cluster', () => {
    expect(Object.entries(podSecurityLabels('1.36', 'baseline')).filter(([k]) => k.endsWith('-version'))).toEqual([
      ['pod-security.kubernetes.io/enforce-version', 'v1.36'],
      ['pod-security.kubernetes.io/audit-version', 'v1.36'],
      ['pod-security.kubernetes.io/warn-version', 'v1.36'],
    ]);
  });

  test('an invalid version is refused before any label is built', () => {
    expect(() => podSecurityLabels('latest', 'baseline')).toThrow(new Error(refusal('latest')));
  });

  test('a fresh object on each call', () => {
    const first = podSecurityLabels('1.35');
    first.extra = 'x';
    expect(Object.keys(podSecurityLabels('1.35'))).toHaveLength(6);
  });
});

test('the label prefix and the three admission modes are those Kubernetes reads', () => {
  expect(POD_SECURITY_LABEL_PREFIX).toBe('pod-security.kubernetes.io/');
  expect(POD_SECURITY_MODES).toEqual(['enforce', 'audit', 'warn']);
});
