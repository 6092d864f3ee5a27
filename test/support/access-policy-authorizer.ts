export * from '../../lib/sandbox/access-policy-authorizer';
