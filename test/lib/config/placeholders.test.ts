/**
 * The placeholder values and their recognizers, and that the shipped config uses them by name:
 * every placeholder of lib/config/environments.ts and lib/config/pipeline.ts is one of these.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { PIPELINE } from '../../../lib/config/pipeline';
import {
  PLACEHOLDER_ACCOUNTS, PLACEHOLDER_CONNECTION_ARN, PLACEHOLDER_GITHUB_REPOSITORY, isPlaceholderAccount, isPlaceholderConnectionArn, isPlaceholderRepository,
} from '../../../lib/config/placeholders';

describe('isPlaceholderAccount', () => {
  test.each([
    ['111111111111', true], ['222222222222', true], ['333333333333', true], ['444444444444', true],
    ['123456789012', false], ['11111111111', false], ['', false], [111111111111, false], [undefined, false],
  ])('%p -> %p', (value, expected) => {
    expect(isPlaceholderAccount(value)).toBe(expected);
  });

  test('recognises a placeholder typed literally in any environment, not only its own', () => {
    expect(isPlaceholderAccount(`${'1'.repeat(12)}`)).toBe(true);
    expect(isPlaceholderAccount(PLACEHOLDER_ACCOUNTS.pipeline)).toBe(true);
  });
});

describe('isPlaceholderRepository', () => {
  test.each([
    ['example-org/eks-access', true], ['Example-Org/EKS-Access', true],
    ['acme/eks-access', false], ['example-org/other', false], ['example-org/eks-access-fork', false], [undefined, false],
  ])('%p -> %p', (value, expected) => {
    expect(isPlaceholderRepository(value)).toBe(expected);
  });
});

describe('isPlaceholderConnectionArn', () => {
  const REAL = 'arn:aws:codeconnections:eu-west-1:123456789012:connection/3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  test.each([
    [PLACEHOLDER_CONNECTION_ARN, true],
    ['arn:aws:codeconnections:eu-central-1:444444444444:connection/3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', true],
    ['arn:aws:codestar-connections:eu-west-1:123456789012:connection/00000000-0000-4000-8000-000000000000', true],
    ['arn:aws:codeconnections:eu-west-1:111111111111:connection/3f2c1d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', true],
    [REAL, false],
    [REAL.replace('codeconnections', 'codestar-connections'), false],
    ['not an arn', false], [undefined, false],
  ])('%p -> %p', (value, expected) => {
    expect(isPlaceholderConnectionArn(value)).toBe(expected);
  });
});

describe('the shipped config holds exactly the named placeholders', () => {
  test('each environment\'s account is its placeholder', () => {
    expect(ENVIRONMENTS.map((e) => [e.name, e.account])).toEqual([
      ['dev', PLACEHOLDER_ACCOUNTS.dev], ['staging', PLACEHOLDER_ACCOUNTS.staging], ['prod', PLACEHOLDER_ACCOUNTS.prod],
    ]);
  });

  test('an environment names no placeholder account but its own: replacing its account replaces every ARN of it', () => {
    for (const env of ENVIRONMENTS) {
      const others = Object.values(PLACEHOLDER_ACCOUNTS).filter((a) => a !== env.account && a !== PIPELINE.account);
      const text = JSON.stringify(env);
      expect(others.filter((a) => text.includes(a))).toEqual([]);
    }
  });

  test('the config files spell no placeholder account, repository or connection: they use the names', () => {
    for (const file of ['lib/config/environments.ts', 'lib/config/pipeline.ts']) {
      const code = fs.readFileSync(path.join(__dirname, '../../..', file), 'utf8')
        // Comments and error-message examples may show a placeholder; config values may not.
        .split('\n').filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l) && !/p\.add\(/.test(l)).join('\n');
      expect({ file, found: code.match(/'(\d)\1{11}'|example-org\/eks-access'|connection\/0{8}/g) }).toEqual({ file, found: null });
    }
  });

  test('the pipeline: tooling account, source repository, connection and review repository', () => {
    expect(PIPELINE.account).toBe(PLACEHOLDER_ACCOUNTS.pipeline);
    expect(PIPELINE.source).toMatchObject({ kind: 'connection', repository: PLACEHOLDER_GITHUB_REPOSITORY, connectionArn: PLACEHOLDER_CONNECTION_ARN });
    expect(PIPELINE.pullRequestDiff.githubRepository).toBe(PLACEHOLDER_GITHUB_REPOSITORY);
    expect(isPlaceholderConnectionArn(PLACEHOLDER_CONNECTION_ARN)).toBe(true);
  });
});
