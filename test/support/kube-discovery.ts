export * from '../../lib/sandbox/kube-discovery';
