export * from '../../lib/sandbox/kube-object-rules';
