/**
 * README.md's "Stack outputs" table names the CloudFormation outputs exactly as they are
 * synthesized (the logical ids `cdk deploy` prints and `aws cloudformation describe-stacks`
 * returns, not the construct ids in the source): every output of every stack is in the table,
 * and every row of the table is an output that some environment synthesizes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NO_BUNDLING, envConfig, synthApp } from '../util';

interface Row {
  readonly stack: RegExp;
  readonly output: RegExp;
  readonly text: string;
}

/** `<env>/Access` or `Kubeconfig<role>`: a `<...>` stands for one name part. */
function pattern(cell: string): RegExp {
  const literal = cell.replace(/^`|`$/g, '');
  const parts = literal.split(/<[^>]+>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[A-Za-z0-9-]+')}$`);
}

/** The table that follows `<!-- stack-outputs -->` in README.md. */
function readmeRows(): Row[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- stack-outputs -->');
  if (start < 0) throw new Error('README.md has no <!-- stack-outputs --> table');
  const lines = readme.slice(start).split('\n').slice(1);
  const table = lines.slice(0, lines.findIndex((l, i) => i > 0 && !l.startsWith('|')));
  return table.slice(2).map((line) => {
    const [stack, output] = line.split('|').slice(1, 3).map((c) => c.trim());
    return { stack: pattern(stack), output: pattern(output), text: `${stack} ${output}` };
  });
}

/** Every output of every stack: the shipped app, plus a private environment with a verify runner. */
function synthesizedOutputs(): Array<{ stack: string; output: string }> {
  const shipped = synthApp(undefined, { context: NO_BUNDLING }).assembly;
  const privateEnv = synthApp([envConfig({
    name: 'private',
    endpoint: { access: 'private', operatorCidrs: ['10.99.0.0/16'] },
    verifierTrustedRoleArns: ['arn:aws:iam::123456789012:role/verify-step'],
  })], { context: NO_BUNDLING }).assembly;
  return [shipped, privateEnv].flatMap((assembly) => assembly.stacksRecursively.flatMap((s) => {
    const outputs = Object.keys((s.template as { Outputs?: Record<string, unknown> }).Outputs ?? {});
    // CDK's own cross-stack references (weak references between stacks of a stage).
    return outputs.filter((o) => !o.startsWith('PublishOutput')).map((output) => ({ stack: s.hierarchicalId, output }));
  }));
}

describe('README stack outputs', () => {
  const rows = readmeRows();
  const outputs = synthesizedOutputs();

  test('the table has rows', () => {
    expect(rows.length).toBeGreaterThan(5);
  });

  test('every synthesized output is in the table, under its synthesized name', () => {
    const undocumented = outputs.filter((o) => !rows.some((r) => r.stack.test(o.stack) && r.output.test(o.output)));
    expect(undocumented).toEqual([]);
  });

  test('every row of the table is an output some environment synthesizes', () => {
    const unknown = rows.filter((r) => !outputs.some((o) => r.stack.test(o.stack) && r.output.test(o.output))).map((r) => r.text);
    expect(unknown).toEqual([]);
  });
});
