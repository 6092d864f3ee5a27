export * from '../../lib/sandbox/aws-wire';
