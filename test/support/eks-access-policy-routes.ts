export * from '../../lib/sandbox/eks-access-policy-routes';
