/**
 * Kinds outside the built-in table: resolved through discovery once per group version and run,
 * refused with the core's sentence when the cluster does not serve them, and done on delete when
 * their kind is gone.
 */
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import { OWNER, failure, harnessPerTest, run } from './support';

const start = harnessPerTest();

const WIDGETS = { group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', singular: 'widget', namespaced: true };

function widget(name: string, namespace?: string, kind = 'Widget', apiVersion = 'example.com/v1'): KubernetesObject {
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { size: 3 } };
}

describe('manifests handler: kinds through discovery', () => {
  test('a custom kind is resolved with one discovery read for the run, then applied at its path', async () => {
    const h = await start();
    h.kube.objects.registerKind(WIDGETS);
    const result = await run(h, 'Create', { owner: OWNER, objects: [widget('a', 'default'), widget('b', 'default')] });
    expect(result.Data).toEqual({ Created: '2', Changed: '0', Unchanged: '0', Deleted: '0', Summary: 'created 2: Widget.example.com default/a, Widget.example.com default/b' });
    expect(h.requestLog()).toEqual([
      'GET /apis/example.com/v1 200',
      'GET /apis/example.com/v1/namespaces/default/widgets/a 404', 'PATCH /apis/example.com/v1/namespaces/default/widgets/a 201',
      'GET /apis/example.com/v1/namespaces/default/widgets/b 404', 'PATCH /apis/example.com/v1/namespaces/default/widgets/b 201',
    ]);
  });

  test('a kind its group version does not list is refused with what discovery offers', async () => {
    const h = await start();
    h.kube.objects.registerKind(WIDGETS);
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: [widget('a', 'default', 'Gadget')] })))
      .toBe('kind Gadget of apiVersion example.com/v1 is not served by the cluster: GET /apis/example.com/v1 offers Widget; fix the kind or apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
  });

  test('a group version the cluster does not serve is refused (its discovery read is a 404)', async () => {
    const h = await start();
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: [widget('a', 'default')] })))
      .toBe('kind Widget of apiVersion example.com/v1 is not served by the cluster: GET /apis/example.com/v1 answered 404 (the cluster serves no such group version); fix the apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource');
    expect(h.requestLog()).toEqual(['GET /apis/example.com/v1 404']);
  });

  test('a namespace that does not fit the discovered scope is refused before any write', async () => {
    const h = await start();
    h.kube.objects.registerKind(WIDGETS);
    expect(await failure(run(h, 'Create', { owner: OWNER, objects: [widget('a')] })))
      .toBe('Widget.example.com a: Widget is namespaced and needs metadata.namespace; add the namespace');
    expect(h.requestLog()).toEqual(['GET /apis/example.com/v1 200']);
  });

  test('on Delete, objects of a kind the cluster no longer serves are gone with it: done', async () => {
    const h = await start();
    h.kube.objects.registerKind(WIDGETS);
    await run(h, 'Create', { owner: OWNER, objects: [widget('a', 'default')] });
    h.kube.objects.unserveKind('example.com', 'widgets');
    const since = h.kube.requests.length;
    expect((await run(h, 'Delete', { owner: OWNER, objects: [widget('a', 'default')] })).Data).toMatchObject({ Deleted: '0', Summary: 'no objects' });
    expect(h.requestLog(since)).toEqual(['GET /apis/example.com/v1 404']);
  });
});
