export * from '../../lib/sandbox/aws-endpoints';
