/** The error `f` throws; fails the test when it returns instead (`what` names the expectation). */
export function thrown(f: () => unknown, what = 'expected a throw'): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error(what);
}
