/** The error classes of the merge core: each keeps its message and says which failure it is. */
import {
  AwsAuthConflictError, AwsAuthInputError, AwsAuthParseError, AwsAuthSizeError,
} from '../../../../lambda/aws-auth/core/errors';

describe('error classes', () => {
  test.each<[string, new (message: string) => Error]>([
    ['AwsAuthParseError', AwsAuthParseError],
    ['AwsAuthConflictError', AwsAuthConflictError],
    ['AwsAuthInputError', AwsAuthInputError],
    ['AwsAuthSizeError', AwsAuthSizeError],
  ])('%s keeps its message and is named after its class', (name, Cls) => {
    const e = new Cls('what was wrong; how to fix it');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(Cls);
    expect(e.name).toBe(name);
    expect(e.message).toBe('what was wrong; how to fix it');
    expect(String(e)).toBe(`${name}: what was wrong; how to fix it`);
  });

  test('the four classes are distinct (a handler can tell them apart)', () => {
    const all = [AwsAuthParseError, AwsAuthConflictError, AwsAuthInputError, AwsAuthSizeError];
    for (const A of all) {
      for (const B of all) expect(new A('x') instanceof B).toBe(A === B);
    }
  });
});
