export * from '../../lib/sandbox/kube-object-status';
