export * from '../../lib/sandbox/kube-write-options';
