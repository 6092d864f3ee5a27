export * from '../../lib/sandbox/rbac-authorizer';
