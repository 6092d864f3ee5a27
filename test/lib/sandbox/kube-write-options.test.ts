import { checkWriteOptions, deleteOptions, dryRunCause, failedPrecondition, fieldValidationCause, goQuote, goStringSlice, isRefusal, queryWriteOptions } from '../../support/kube-write-options';
import { FIELD_MANAGER_REQUIRED } from '../../support/kube-object-status';

describe('Go formatting of the values in a field error', () => {
  test.each([
    ['All', '"All"'],
    ['', '""'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['tab\there\nnl', '"tab\\there\\nnl"'],
    ['\x01\x7f', '"\\x01\\x7f"'],
    ['é', '"é"'],
  ])('goQuote(%j) is %s', (value, quoted) => {
    expect(goQuote(value)).toBe(quoted);
  });

  test('a slice as %#v prints it', () => {
    expect(goStringSlice(['All', 'x'])).toBe('[]string{"All", "x"}');
    expect(goStringSlice([])).toBe('[]string{}');
  });
});

describe('ValidateDryRun', () => {
  test.each([[[]], [['All']], [['All', 'All']]])('%j is valid', (values) => {
    expect(dryRunCause(values)).toBeUndefined();
  });

  test.each([
    [['all'], '[]string{"all"}'],
    [[''], '[]string{""}'],
    [['All', 'Server'], '[]string{"All", "Server"}'],
  ])('%j is refused', (values, shown) => {
    expect(dryRunCause(values)).toEqual({ reason: 'FieldValueNotSupported', field: 'dryRun', message: `Unsupported value: ${shown}: supported values: "All"` });
  });

  test('the options: a dry run when a value is given, the 422 of the options kind with the earlier causes first', () => {
    expect(checkWriteOptions('CreateOptions', [])).toEqual({ dryRun: false });
    expect(checkWriteOptions('UpdateOptions', ['All'])).toEqual({ dryRun: true });
    expect(checkWriteOptions('PatchOptions', [], [FIELD_MANAGER_REQUIRED])).toMatchObject({ code: 422, message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch' });
    const refused = checkWriteOptions('CreateOptions', ['x']);
    expect(isRefusal(refused)).toBe(true);
    expect(refused).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422,
      message: 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"x"}: supported values: "All"',
      details: { group: 'meta.k8s.io', kind: 'CreateOptions', causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: []string{"x"}: supported values: "All"', field: 'dryRun' }] },
    });
    expect(isRefusal({ dryRun: false })).toBe(false);
  });
});

describe('ValidateFieldValidation and the options of a query', () => {
  test.each([[null], [''], ['Ignore'], ['Warn'], ['Strict']])('%j is valid', (value) => {
    expect(fieldValidationCause(value)).toBeUndefined();
  });

  test('any other value is refused, naming the sorted supported values', () => {
    expect(fieldValidationCause('strict')).toEqual({ reason: 'FieldValueNotSupported', field: 'fieldValidation', message: 'Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"' });
  });

  test('a query: the earlier causes, dryRun, then fieldValidation', () => {
    expect(queryWriteOptions('PatchOptions', new URLSearchParams('dryRun=All&fieldValidation=Strict'))).toEqual({ dryRun: true });
    expect(queryWriteOptions('PatchOptions', new URLSearchParams('fieldValidation=Loud&dryRun=Yes'), [FIELD_MANAGER_REQUIRED])).toMatchObject({
      message: 'PatchOptions.meta.k8s.io "" is invalid: [fieldManager: Required value: is required for apply patch, dryRun: Unsupported value: []string{"Yes"}: supported values: "All", '
        + 'fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"]',
    });
    expect(queryWriteOptions('CreateOptions', new URLSearchParams('fieldValidation=Loud'))).toMatchObject({ code: 422, details: { kind: 'CreateOptions', causes: [{ field: 'fieldValidation' }] } });
  });
});

describe('the options of a DELETE', () => {
  const q = (s: string): URLSearchParams => new URLSearchParams(s);
  const body = (v: unknown): Buffer => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

  test('without a body: from the query', () => {
    expect(deleteOptions(q('dryRun=All&propagationPolicy=Background'), Buffer.alloc(0))).toEqual({ dryRun: true });
    expect(deleteOptions(q(''), Buffer.alloc(0))).toEqual({ dryRun: false });
    expect(deleteOptions(q('dryRun=1'), Buffer.alloc(0))).toMatchObject({ code: 422, details: { kind: 'DeleteOptions' } });
  });

  test('with a body: from the body, the query ignored; preconditions kept', () => {
    expect(deleteOptions(q('dryRun=All'), body({ kind: 'DeleteOptions', apiVersion: 'v1' }))).toEqual({ dryRun: false });
    expect(deleteOptions(q('dryRun=bad'), body({ dryRun: ['All'], preconditions: { resourceVersion: '7' } }))).toEqual({ dryRun: true, preconditions: { resourceVersion: '7' } });
    expect(deleteOptions(q(''), body({ dryRun: ['Later'] }))).toMatchObject({ code: 422, message: 'DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Later"}: supported values: "All"' });
  });

  test.each([
    ['{not json', 'the DELETE body is not a JSON DeleteOptions object: send one (kind DeleteOptions) or no body'],
    ['[]', 'the DELETE body is not a JSON DeleteOptions object: send one (kind DeleteOptions) or no body'],
    [{ dryRun: 'All' }, 'DeleteOptions.dryRun must be a list of strings (["All"]), got "All"'],
    [{ dryRun: [1] }, 'DeleteOptions.dryRun must be a list of strings (["All"]), got [1]'],
  ])('a body %j is refused', (b, message) => {
    expect(deleteOptions(q(''), body(b))).toEqual(expect.objectContaining({ code: 400, reason: 'BadRequest', message }));
  });
});

describe('DELETE preconditions', () => {
  const meta = { name: 'r', uid: 'u-1', resourceVersion: '7' };

  test.each([
    [undefined, undefined],
    [{}, undefined],
    [{ uid: 'u-1', resourceVersion: '7' }, undefined],
    [{ uid: null, resourceVersion: null }, undefined],
    [{ resourceVersion: '6' }, { field: 'resourceVersion', given: '6', stored: '7' }],
    [{ resourceVersion: '' }, { field: 'resourceVersion', given: '', stored: '7' }],
    [{ uid: 'u-2', resourceVersion: '6' }, { field: 'uid', given: 'u-2', stored: 'u-1' }],
  ])('%j against uid u-1, resourceVersion 7: %j', (pre, failed) => {
    expect(failedPrecondition(pre, meta)).toEqual(failed);
  });
});
