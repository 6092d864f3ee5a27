export * from '../../lib/sandbox/eks-token-verify';
