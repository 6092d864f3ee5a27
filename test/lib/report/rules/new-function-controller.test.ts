import { messageText } from '../../../../lib/report/markdown';
import { newFunctionController } from '../../../../lib/report/rules/new-function-controller';
import { allow, awsAuthWriter, check, env, expectRule, role } from './environment';

const withInvoker = (actions: string[], resources: string[]) => {
  const writer = awsAuthWriter();
  return env({ ...writer, roles: [...(writer.roles ?? []), role('ci', ['AWS arn:aws:iam::111111111111:root'], [allow(actions, resources)])] });
};

describe('new-function-controller', () => {
  test('id, severity and description', () => {
    expectRule(newFunctionController, 'new-function-controller', 'critical');
  });

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

  test('non-compliant: the finding in full, naming the function it reaches', () => {
    const findings = check(newFunctionController, env(awsAuthWriter()), withInvoker(['lambda:UpdateFunctionCode'], ['*']));
    expect(findings).toEqual([{
      label: 'invoke or update a function', id: 'role:ci', principal: 'role:ci', grant: 'function:Access/Handler lambda:UpdateFunctionCode on *', message: expect.any(String),
    }]);
    expect(messageText(findings[0].message)).toBe('may `lambda:UpdateFunctionCode` on `*` on `function:Access/Handler`, which reaches cluster admin');
  });

  test('non-compliant: a Lambda permission for another account', () => {
    const head = env({ ...awsAuthWriter(), permissions: [{ function: 'function:Access/Handler', action: 'lambda:InvokeFunction', principal: '222222222222', conditions: [] }] });
    const findings = check(newFunctionController, env(awsAuthWriter()), head);
    expect(findings).toEqual([expect.objectContaining({ principal: '222222222222' })]);
    expect(messageText(findings[0].message)).toBe('`AWS::Lambda::Permission` allows `lambda:InvokeFunction` on `function:Access/Handler`, which reaches cluster admin');
  });
});
