export * from '../../lib/sandbox/kube-apply';
