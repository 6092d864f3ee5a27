export * from '../../lib/sandbox/kube-status';
