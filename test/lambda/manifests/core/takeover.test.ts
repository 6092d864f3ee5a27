/** The fields a forced apply took from other managers, from managedFields before and after. */
import { fieldPaths, takenOver } from '../../../../lambda/manifests/core/takeover';

const entry = (manager: string, operation: string, fieldsV1: unknown, subresource?: string): Record<string, unknown> => ({
  manager, operation, apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1, ...(subresource ? { subresource } : {}),
});

describe('fieldPaths', () => {
  test.each<[string, unknown, string[]]>([
    ['leaves of f: keys', { 'f:data': { 'f:b': {}, 'f:a': {} } }, ['.data.a', '.data.b']],
    ['a node with "." and children is both', { 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } } }, ['.metadata.labels', '.metadata.labels.x']],
    ['k:, v: and i: keys', { 'f:spec': { 'f:ports': { 'k:{"port":53}': { '.': {}, 'f:port': {} } }, 'f:set': { 'v:"a"': {} }, 'f:list': { 'i:0': {} } } },
      ['.spec.list[0]', '.spec.ports[{"port":53}]', '.spec.ports[{"port":53}].port', '.spec.set[="a"]']],
    ['an unknown prefix is kept as a name', { 'x': {} }, ['.x']],
    ['empty', {}, []],
    ['not an object', 'x', []],
    ['undefined', undefined, []],
  ])('%s', (_what, fields, paths) => {
    expect(fieldPaths(fields)).toEqual(paths);
  });
});

describe('takenOver', () => {
  const editBefore = entry('kubectl-edit', 'Update', { 'f:data': { 'f:mode': {}, 'f:extra': {} } });

  test('fields another manager lost to the applier', () => {
    const before = [entry('eks-access', 'Apply', { 'f:data': { 'f:mode': {} } }), editBefore];
    // Shared ownership that stays shared is no takeover; losing the shared field is.
    expect(takenOver(before, before, 'eks-access')).toEqual([]);
    const after = [entry('eks-access', 'Apply', { 'f:data': { 'f:mode': {} } }), entry('kubectl-edit', 'Update', { 'f:data': { 'f:extra': {} } })];
    expect(takenOver(before, after, 'eks-access')).toEqual([{ manager: 'kubectl-edit (Update)', field: '.data.mode' }]);
    const adopted = [entry('eks-access', 'Apply', { 'f:data': { 'f:mode': {} } }), entry('kubectl-edit', 'Update', { 'f:data': { 'f:extra': {} } })];
    expect(takenOver([editBefore], adopted, 'eks-access')).toEqual([{ manager: 'kubectl-edit (Update)', field: '.data.mode' }]);
  });

  test('a manager whose entry is gone lost every field the applier now owns; fields nobody owns now are not counted', () => {
    const after = [entry('eks-access', 'Apply', { 'f:data': { 'f:mode': {} } })];
    expect(takenOver([editBefore], after, 'eks-access')).toEqual([{ manager: 'kubectl-edit (Update)', field: '.data.mode' }]);
  });

  test('the applier\'s own Update entry counts as another owner; subresources are named; entries match on manager, operation and subresource', () => {
    const before = [entry('eks-access', 'Update', { 'f:a': {} }), entry('ctl', 'Update', { 'f:b': {} }, 'status'), entry('ctl', 'Apply', { 'f:c': {} })];
    const after = [entry('eks-access', 'Apply', { 'f:a': {}, 'f:b': {}, 'f:c': {} }), entry('ctl', 'Update', { 'f:c': {} }), entry('ctl', 'Apply', { 'f:b': {} }, 'status')];
    expect(takenOver(before, after, 'eks-access')).toEqual([
      { manager: 'eks-access (Update)', field: '.a' },
      { manager: 'ctl (Update of status)', field: '.b' },
      { manager: 'ctl (Apply)', field: '.c' },
    ]);
  });

  test('only the applier\'s Apply entry counts as its ownership', () => {
    const after = [entry('eks-access', 'Update', { 'f:data': { 'f:mode': {} } })];
    expect(takenOver([editBefore], after, 'eks-access')).toEqual([]);
  });

  test.each<[string, unknown, unknown]>([
    ['no managedFields at all', undefined, undefined],
    ['not lists', { a: 1 }, 'x'],
    ['entries that are not objects, or lack names', [1, null, { fieldsV1: { 'f:a': {} } }], [{ manager: 'eks-access', operation: 'Apply', fieldsV1: { 'f:a': {} } }]],
  ])('%s', (_what, before, after) => {
    const out = takenOver(before, after, 'eks-access');
    expect(out).toEqual(Array.isArray(before) ? [{ manager: ' ()', field: '.a' }] : []);
  });
});
