export * from '../../lib/sandbox/kube-objects';
