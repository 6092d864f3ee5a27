import { ENTRY_POINT_ERROR_EXIT, runEntryPoint, thrownMessage } from '../../../lib/cli/entry-point';

async function run(main: () => Promise<number> | number): Promise<{ stderr: string; code?: number }> {
  let stderr = '';
  let code: number | undefined;
  await runEntryPoint('tool', main, { stderr: (t) => { stderr += t; }, exit: (c) => { code = c; } });
  return { stderr, code };
}

describe('runEntryPoint', () => {
  test('ends with the code main returns, printing nothing of its own', async () => {
    expect(await run(() => 2)).toEqual({ stderr: '', code: 2 });
    expect(await run(async () => 0)).toEqual({ stderr: '', code: 0 });
  });

  test('a throw is one line "name: message" and exit 1, no stack trace', async () => {
    const result = await run(async () => { throw new Error('config is broken; fix field x'); });
    expect(result).toEqual({ stderr: 'tool: config is broken; fix field x\n', code: ENTRY_POINT_ERROR_EXIT });
    expect(ENTRY_POINT_ERROR_EXIT).toBe(1);
  });

  test('a failing module load (a rejected import) is caught too', async () => {
    const result = await run(async () => (await import('./no-such-module' as string)) as number);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tool: Cannot find module '\.\/no-such-module'/);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
  });
});

describe('thrownMessage', () => {
  test.each([
    [new TypeError('bad'), 'bad'],
    ['plain text', 'plain text'],
    [{ code: 42 }, '{"code":42}'],
    [{ code: 'X', message: 'from another realm' }, 'from another realm'],
    [undefined, 'undefined'],
  ])('%p', (thrown, message) => {
    expect(thrownMessage(thrown)).toBe(message);
  });
});
