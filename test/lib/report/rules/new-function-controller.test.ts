import { newFunctionController } from '../../../../lib/report/rules/new-function-controller';
import { allow, awsAuthWriter, check, env, role } from './environment';

const withInvoker = (actions: string[], resources: string[]) => {
  const writer = awsAuthWriter();
  return env({ ...writer, roles: [...(writer.roles ?? []), role('ci', ['AWS arn:aws:iam::111111111111:root'], [allow(actions, resources)])] });
};

describe('new-function-controller', () => {
  test('compliant: the invoker was in base; a grant on another function', () => {
    const head = withInvoker(['lambda:InvokeFunction'], ['function:Access/Handler']);
    expect(check(newFunctionController, head, head)).toEqual([]);
    expect(check(newFunctionController, env(awsAuthWriter()), withInvoker(['lambda:InvokeFunction'], ['function:Other']))).toEqual([]);
  });

  test.each([
    [['lambda:InvokeFunction'], ['function:Access/Handler']],
    [['lambda:Update*'], ['*']],
    [['lambda:*'], ['function:Access/Handler:*']],
  ])('non-compliant: %j on %j', (actions, resources) => {
    expect(check(newFunctionController, env(awsAuthWriter()), withInvoker(actions, resources))).toEqual([expect.objectContaining({ principal: 'role:ci' })]);
  });

  test('non-compliant: a Lambda permission for another account', () => {
    const head = env({ ...awsAuthWriter(), permissions: [{ function: 'function:Access/Handler', action: 'lambda:InvokeFunction', principal: '222222222222', conditions: [] }] });
    expect(check(newFunctionController, env(awsAuthWriter()), head)).toEqual([expect.objectContaining({ principal: '222222222222' })]);
  });
});
