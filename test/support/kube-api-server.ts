export * from '../../lib/sandbox/kube-api-server';
