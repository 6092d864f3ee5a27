/**
 * Config validation of workload namespaces: names, Pod Security level, quota and container
 * defaults (Kubernetes quantities), and the allow rules of the default-deny baseline.
 */
import type { EnvironmentConfig, NamespaceConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { problemLines } from '../problem-lines';
import { CONTAINER_DEFAULTS, QUOTA, envConfig, namespaceConfig } from '../../../config-fixtures';

type AllowRule = NonNullable<NamespaceConfig['allow']>[number];
/** An environment with the given namespaces and no service accounts (they would need `apps`). */
const withNamespaces = (...namespaces: NamespaceConfig[]) => envConfig({ namespaces, serviceAccounts: [] });
const withRules = (...allow: AllowRule[]) => withNamespaces(namespaceConfig('apps', { allow }));
const rule = (overrides: Partial<AllowRule> = {}): AllowRule => ({ name: 'from-web', direction: 'ingress', namespaces: ['web'], ...overrides });
const LABEL_FIX = 'must be a DNS-1123 label (lower-case letters, digits, "-"; at most 63), for example "payments"';
const QUANTITY_FIX = 'must be a Kubernetes quantity string such as "500m", "2" or "4Gi"';
const RULE_NAME_FIX = 'must be a DNS-1123 label of at most 50 characters';

describe('namespaces itself', () => {
  test.each([['missing', undefined], ['an object', { name: 'apps' }]])('%s is refused', (_label, namespaces) => {
    const shown = namespaces === undefined ? '(missing)' : JSON.stringify(namespaces);
    expect(problemLines(envConfig({ namespaces: namespaces as unknown as NamespaceConfig[], serviceAccounts: [] }))).toEqual([
      `[test] namespaces = ${shown}: must be a list (may be empty)`,
    ]);
  });

  test('an empty list is accepted', () => {
    expect(validateEnvironment(withNamespaces()).namespaces).toEqual([]);
  });
});

describe('name', () => {
  test.each([['63 characters', 'n'.repeat(63)], ['digits and dashes', 'team-1']])('%s is accepted', (_label, name) => {
    expect(validateEnvironment(withNamespaces(namespaceConfig(name))).namespaces[0].name).toBe(name);
  });

  test.each([['64 characters', 'n'.repeat(64)], ['a dot', 'a.b'], ['a number', 5], ['a list holding a name', ['apps']], ['missing', undefined]])('%s is refused', (_label, name) => {
    const shown = name === undefined ? '(missing)' : JSON.stringify(name);
    expect(problemLines(withNamespaces(namespaceConfig(name as string)))).toEqual([`[test] namespaces[0].name = ${shown}: ${LABEL_FIX}`]);
  });

  test.each(['kube-system', 'kube-public', 'kube-node-lease', 'default'])('the system namespace %s is refused', (name) => {
    expect(problemLines(withNamespaces(namespaceConfig(name)))).toEqual([
      `[test] namespaces[0].name = "${name}": is a system namespace; a default-deny baseline would break it, declare a workload namespace instead`,
    ]);
  });

  test('a repeated name is refused on each repeat', () => {
    expect(problemLines(withNamespaces(namespaceConfig('apps'), namespaceConfig('web'), namespaceConfig('apps'), namespaceConfig('apps')))).toEqual([
      '[test] namespaces[2].name = "apps": is declared twice; declare each namespace once',
      '[test] namespaces[3].name = "apps": is declared twice; declare each namespace once',
    ]);
  });
});

describe('podSecurity', () => {
  test('defaults to restricted', () => {
    expect(validateEnvironment(withNamespaces(namespaceConfig('apps'))).namespaces[0].podSecurity).toBe('restricted');
  });

  test.each(['privileged', 'baseline', 'restricted'] as const)('%s is kept', (podSecurity) => {
    expect(validateEnvironment(withNamespaces(namespaceConfig('apps', { podSecurity }))).namespaces[0].podSecurity).toBe(podSecurity);
  });

  test.each(['Restricted', 'none', ''])('"%s" is refused with the levels', (podSecurity) => {
    expect(problemLines(withNamespaces(namespaceConfig('apps', { podSecurity: podSecurity as NamespaceConfig['podSecurity'] })))).toEqual([
      `[test] namespaces[0].podSecurity = "${podSecurity}": must be one of privileged, baseline, restricted`,
    ]);
  });
});

describe('quota and container defaults', () => {
  test('a missing quota reports each of its fields', () => {
    expect(problemLines(withNamespaces(namespaceConfig('apps', { quota: undefined })))).toEqual([
      `[test] namespaces[0].quota.requestsCpu = (missing): ${QUANTITY_FIX}`,
      `[test] namespaces[0].quota.requestsMemory = (missing): ${QUANTITY_FIX}`,
      `[test] namespaces[0].quota.limitsCpu = (missing): ${QUANTITY_FIX}`,
      `[test] namespaces[0].quota.limitsMemory = (missing): ${QUANTITY_FIX}`,
      '[test] namespaces[0].quota.pods = (missing): must be a whole number >= 1',
    ]);
  });

  test('missing container defaults report each of their fields', () => {
    expect(problemLines(withNamespaces(namespaceConfig('apps', { containerDefaults: undefined })))).toEqual([
      `[test] namespaces[0].containerDefaults.requestCpu = (missing): ${QUANTITY_FIX}`,
      `[test] namespaces[0].containerDefaults.requestMemory = (missing): ${QUANTITY_FIX}`,
      `[test] namespaces[0].containerDefaults.limitCpu = (missing): ${QUANTITY_FIX}`,
      `[test] namespaces[0].containerDefaults.limitMemory = (missing): ${QUANTITY_FIX}`,
    ]);
  });

  test('each field is checked on its own', () => {
    expect(problemLines(withNamespaces(namespaceConfig('apps', {
      quota: { requestsCpu: '4', requestsMemory: '8GB', limitsCpu: 8 as unknown as string, limitsMemory: '16Gi', pods: 0 },
      containerDefaults: { requestCpu: '0.5', requestMemory: '128 Mi', limitCpu: '500m', limitMemory: '-1' },
    })))).toEqual([
      `[test] namespaces[0].quota.requestsMemory = "8GB": ${QUANTITY_FIX}`,
      `[test] namespaces[0].quota.limitsCpu = 8: ${QUANTITY_FIX}`,
      '[test] namespaces[0].quota.pods = 0: must be a whole number >= 1',
      `[test] namespaces[0].containerDefaults.requestMemory = "128 Mi": ${QUANTITY_FIX}`,
      `[test] namespaces[0].containerDefaults.limitMemory = "-1": ${QUANTITY_FIX}`,
    ]);
  });

  test.each([[1, true], [1.5, false], ['10', false]])('quota.pods %s accepted: %s', (pods, ok) => {
    const config = withNamespaces(namespaceConfig('apps', { quota: { ...QUOTA, pods: pods as number } }));
    if (ok) expect(validateEnvironment(config).namespaces[0].quota.pods).toBe(pods);
    else expect(problemLines(config)).toEqual([`[test] namespaces[0].quota.pods = ${JSON.stringify(pods)}: must be a whole number >= 1`]);
  });

  test('each container default is checked as a quantity', () => {
    for (const key of Object.keys(CONTAINER_DEFAULTS) as Array<keyof typeof CONTAINER_DEFAULTS>) {
      expect(problemLines(withNamespaces(namespaceConfig('apps', { containerDefaults: { ...CONTAINER_DEFAULTS, [key]: 'x' } })))).toEqual([
        `[test] namespaces[0].containerDefaults.${key} = "x": ${QUANTITY_FIX}`,
      ]);
    }
  });

  test('each quota quantity is checked', () => {
    for (const key of ['requestsCpu', 'requestsMemory', 'limitsCpu', 'limitsMemory'] as const) {
      expect(problemLines(withNamespaces(namespaceConfig('apps', { quota: { ...QUOTA, [key]: '1x' } })))).toEqual([
        `[test] namespaces[0].quota.${key} = "1x": ${QUANTITY_FIX}`,
      ]);
    }
    // Only a string is a quantity, not a list holding one.
    expect(problemLines(withNamespaces(namespaceConfig('apps', { quota: { ...QUOTA, requestsCpu: ['4'] as unknown as string } })))).toEqual([
      `[test] namespaces[0].quota.requestsCpu = ["4"]: ${QUANTITY_FIX}`,
    ]);
  });
});

describe('allow rules', () => {
  test('a valid namespace resolves with its defaults', () => {
    expect(validateEnvironment(withNamespaces(namespaceConfig('apps'))).namespaces).toEqual([
      { name: 'apps', quota: QUOTA, containerDefaults: CONTAINER_DEFAULTS, podSecurity: 'restricted', developerAccess: true, allowDeletion: false, allow: [] },
    ]);
  });

  test('developerAccess false and the rules are kept', () => {
    const allow = [rule({ tcpPorts: [1, 65535] }), rule({ name: 'to-db', direction: 'egress', namespaces: undefined, cidrs: ['10.1.0.0/16'] })];
    expect(validateEnvironment(withNamespaces(namespaceConfig('apps', { developerAccess: false, allow }))).namespaces[0]).toEqual(
      expect.objectContaining({ developerAccess: false, allow }),
    );
  });

  test.each([['50 characters', 'r'.repeat(50)], ['one letter', 'r']])('a rule name of %s is accepted', (_label, name) => {
    expect(() => validateEnvironment(withRules(rule({ name })))).not.toThrow();
  });

  test.each([['51 characters', 'r'.repeat(51)], ['upper case', 'From-Web'], ['a number', 1], ['a list holding a name', ['from-web']], ['missing', undefined]])('a rule name of %s is refused', (_label, name) => {
    const shown = name === undefined ? '(missing)' : JSON.stringify(name);
    expect(problemLines(withRules(rule({ name: name as string })))).toEqual([`[test] namespaces[0].allow[0].name = ${shown}: ${RULE_NAME_FIX}`]);
  });

  test('a repeated rule name is refused on each repeat', () => {
    expect(problemLines(withRules(rule(), rule({ name: 'other' }), rule(), rule()))).toEqual([
      '[test] namespaces[0].allow[2].name = "from-web": is used by another allow rule of this namespace; names must be unique',
      '[test] namespaces[0].allow[3].name = "from-web": is used by another allow rule of this namespace; names must be unique',
    ]);
  });

  test('the same rule name in two namespaces is accepted', () => {
    expect(() => validateEnvironment(withNamespaces(namespaceConfig('apps', { allow: [rule()] }), namespaceConfig('web', { allow: [rule()] })))).not.toThrow();
  });

  test.each(['Ingress', 'both', undefined])('direction %s is refused', (direction) => {
    const shown = direction === undefined ? '(missing)' : JSON.stringify(direction);
    expect(problemLines(withRules(rule({ direction: direction as AllowRule['direction'] })))).toEqual([
      `[test] namespaces[0].allow[0].direction = ${shown}: must be "ingress" or "egress"`,
    ]);
  });

  test.each([
    ['no peers', { namespaces: undefined }],
    ['empty peer lists', { namespaces: [], cidrs: [] }],
  ])('%s is refused', (_label, overrides) => {
    const r = rule(overrides);
    expect(problemLines(withRules(r))).toEqual([`[test] namespaces[0].allow[0] = ${JSON.stringify(r)}: name at least one peer: "namespaces" or "cidrs"`]);
  });

  test('cidrs alone are a peer', () => {
    expect(() => validateEnvironment(withRules(rule({ namespaces: undefined, cidrs: ['10.1.0.0/16'] })))).not.toThrow();
  });

  test('each peer namespace must be a label, each CIDR an IPv4 CIDR', () => {
    expect(problemLines(withRules(rule({ namespaces: ['web', 'Web', 7 as unknown as string, ['web'] as unknown as string], cidrs: ['10.0.0.0/8', '10.0.0.0', '::/0'] })))).toEqual([
      '[test] namespaces[0].allow[0].namespaces[1] = "Web": must be a namespace name (DNS-1123 label)',
      '[test] namespaces[0].allow[0].namespaces[2] = 7: must be a namespace name (DNS-1123 label)',
      '[test] namespaces[0].allow[0].namespaces[3] = ["web"]: must be a namespace name (DNS-1123 label)',
      '[test] namespaces[0].allow[0].cidrs[1] = "10.0.0.0": must be an IPv4 CIDR such as "10.0.0.0/8"',
      '[test] namespaces[0].allow[0].cidrs[2] = "::/0": must be an IPv4 CIDR such as "10.0.0.0/8"',
    ]);
  });

  test('each TCP port must be from 1 to 65535', () => {
    expect(problemLines(withRules(rule({ tcpPorts: [1, 0, 65535, 65536, 80.5, '443' as unknown as number] })))).toEqual([
      '[test] namespaces[0].allow[0].tcpPorts[1] = 0: must be a port number from 1 to 65535',
      '[test] namespaces[0].allow[0].tcpPorts[3] = 65536: must be a port number from 1 to 65535',
      '[test] namespaces[0].allow[0].tcpPorts[4] = 80.5: must be a port number from 1 to 65535',
      '[test] namespaces[0].allow[0].tcpPorts[5] = "443": must be a port number from 1 to 65535',
    ]);
  });

  test('every problem of every namespace is reported, each under its index', () => {
    const config: EnvironmentConfig = withNamespaces(
      namespaceConfig('apps'),
      namespaceConfig('web', { podSecurity: 'open' as NamespaceConfig['podSecurity'], allow: [rule({ name: 'dns-egress', direction: 'egress' })] }),
    );
    expect(problemLines(config)).toEqual([
      '[test] namespaces[1].podSecurity = "open": must be one of privileged, baseline, restricted',
      '[test] namespaces[1].allow[0].name = "dns-egress": is reserved for the built-in DNS egress policy; choose another name',
    ]);
  });
});

describe('developerAccess and allowDeletion', () => {
  test('their defaults: developer access on, deletion not allowed', () => {
    const [ns] = validateEnvironment(withNamespaces(namespaceConfig('apps'))).namespaces;
    expect([ns.developerAccess, ns.allowDeletion]).toEqual([true, false]);
  });

  test.each([[true, false], [false, true]])('developerAccess %s and allowDeletion %s are kept', (developerAccess, allowDeletion) => {
    const [ns] = validateEnvironment(withNamespaces(namespaceConfig('apps', { developerAccess, allowDeletion }))).namespaces;
    expect([ns.developerAccess, ns.allowDeletion]).toEqual([developerAccess, allowDeletion]);
  });

  test.each([['developerAccess', 'yes'], ['allowDeletion', 1], ['allowDeletion', null]])('%s = %j is refused', (key, value) => {
    const ns = namespaceConfig('apps', { [key]: value } as Partial<NamespaceConfig>);
    expect(problemLines(withNamespaces(ns))).toEqual([`[test] namespaces[0].${key} = ${JSON.stringify(value)}: must be true or false (or left out)`]);
  });
});
