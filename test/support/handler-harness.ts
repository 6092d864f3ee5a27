export * from '../../lib/sandbox/handler-harness';
