/**
 * lib/synth/template-validation.ts, and the app with it: CDK's CloudFormation template
 * validation runs where templates can reach CloudFormation, strict, and is skipped by synth, diff and ls.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { buildApp } from '../../../lib/app';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { configProblemsReport } from '../../../lib/synth/errors';
import { SynthOptionError, UNVALIDATED_COMMANDS, VALIDATE_TEMPLATES_CONTEXT, validatesTemplates } from '../../../lib/synth/template-validation';
import { NO_BUNDLING, cliContext } from '../../util';

describe('validatesTemplates', () => {
  test.each([
    [['deploy', 'dev/*'], true],
    [['--profile', 'x', 'deploy'], true],
    // An option's value before the command reads as the command: validated, the safe side.
    [['--profile', 'x', 'synth'], true],
    [['watch'], true],
    [['import', 'dev/Cluster'], true],
    [['synth', '--quiet'], false],
    [['synthesize'], false],
    [['-q', 'synth'], false],
    [['diff', 'dev/Access'], false],
    [['ls'], false],
    [['list'], false],
    [[], true],
  ])('the CLI running %j: %s', (args, expected) => {
    expect(validatesTemplates(undefined, args)).toBe(expected);
  });

  test('outside the CLI (tests, npm test): validates', () => {
    expect(validatesTemplates(undefined, undefined)).toBe(true);
  });

  test('the context decides over the command, as a boolean or the CLI\'s string', () => {
    expect(validatesTemplates('true', ['synth'])).toBe(true);
    expect(validatesTemplates(true, ['diff'])).toBe(true);
    expect(validatesTemplates('false', ['deploy'])).toBe(false);
    expect(validatesTemplates(false, undefined)).toBe(false);
  });

  test('any other context value is a sentence naming the key, the value and the fix, printed as such', () => {
    let error: unknown;
    try {
      validatesTemplates('yes', ['deploy']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SynthOptionError);
    const message = 'Context eks-access:validate-templates is "yes": use true or false (cdk synth -c eks-access:validate-templates=true), or leave it out to validate on deploy only.';
    expect((error as Error).message).toBe(message);
    expect(configProblemsReport(error)).toBe(message);
  });

  test('the commands people repeat while editing config', () => {
    expect(UNVALIDATED_COMMANDS).toEqual(['synth', 'synthesize', 'diff', 'ls', 'list']);
  });
});

describe('the app', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-template-validation-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  /** dev alone, with one resource CloudFormation's schema refuses (VisibilityTimeout is an integer). */
  function synthWithBadQueue(cliArguments: string[] | undefined, context: Record<string, unknown> = {}): unknown {
    const built = buildApp({ environments: [ENVIRONMENTS[0]], context: { ...cliContext(), ...NO_BUNDLING, ...context }, outdir, cliArguments });
    new CfnResource(built.stages[0].node.findAll().find((c): c is Stack => Stack.isStack(c)) as Stack, 'BadQueue', { type: 'AWS::SQS::Queue', properties: { VisibilityTimeout: 'soon' } });
    try {
      built.app.synth();
      return undefined;
    } catch (e) {
      return e;
    }
  }

  test('a deploy (or a synth outside the CLI) fails on a template CloudFormation would refuse, naming the resource', () => {
    for (const args of [['deploy'], undefined]) {
      const error = synthWithBadQueue(args);
      expect(error).toBeInstanceOf(Error);
      const report = fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8');
      expect(report).toContain('CloudFormation Validate');
      expect(report).toContain('BadQueue');
    }
  });

  test('cdk synth and cdk diff skip it; the context turns it on for them', () => {
    expect(synthWithBadQueue(['synth', '--quiet'])).toBeUndefined();
    expect(synthWithBadQueue(['diff'])).toBeUndefined();
    expect(synthWithBadQueue(['synth'], { [VALIDATE_TEMPLATES_CONTEXT]: 'true' })).toBeInstanceOf(Error);
  });
});
