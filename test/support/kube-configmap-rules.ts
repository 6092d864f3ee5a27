export * from '../../lib/sandbox/kube-configmap-rules';
