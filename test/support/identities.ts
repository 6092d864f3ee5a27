export * from '../../lib/sandbox/identities';
