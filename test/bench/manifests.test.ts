import { eksOperationsText, kubeRequestsText, timingOrder } from '../../bench/manifests';

describe('kubeRequestsText', () => {
  test('counts by method in a fixed order (GET, POST, PATCH, PUT, DELETE), methods without a request left out', () => {
    expect(kubeRequestsText(['PATCH', 'GET', 'DELETE', 'GET', 'POST', 'PUT'])).toBe('6 requests: 2 GET, 1 POST, 1 PATCH, 1 PUT, 1 DELETE');
    expect(kubeRequestsText(['DELETE', 'GET'])).toBe('2 requests: 1 GET, 1 DELETE');
  });

  test('singular for one request, and no list for none', () => {
    expect(kubeRequestsText(['GET'])).toBe('1 request: 1 GET');
    expect(kubeRequestsText([])).toBe('0 requests');
  });

  test('a method it does not count is refused by name', () => {
    expect(() => kubeRequestsText(['GET', 'OPTIONS'])).toThrow('request method "OPTIONS" is not one the bench counts (GET, POST, PATCH, PUT, DELETE): add it to METHODS in bench/manifests.ts.');
  });
});

describe('eksOperationsText', () => {
  test('lists the operations in the order made, repeats kept; none says so', () => {
    expect(eksOperationsText(['DescribeCluster', 'ListAssociatedAccessPolicies', 'ListAssociatedAccessPolicies'])).toBe('DescribeCluster, ListAssociatedAccessPolicies, ListAssociatedAccessPolicies');
    expect(eksOperationsText([])).toBe('none');
  });
});

describe('timingOrder', () => {
  test('the baseline moves first, between, last; create always before the no-op update', () => {
    expect(timingOrder(0)).toEqual(['baseline', 'create', 'noop']);
    expect(timingOrder(1)).toEqual(['create', 'baseline', 'noop']);
    expect(timingOrder(2)).toEqual(['create', 'noop', 'baseline']);
    expect(timingOrder(3)).toEqual(['baseline', 'create', 'noop']);
    expect(timingOrder(-1)).toEqual(['create', 'noop', 'baseline']);
  });
});
