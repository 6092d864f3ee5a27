export * from '../../lib/sandbox/kube-object-routes';
