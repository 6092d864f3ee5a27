export * from '../../lib/sandbox/manifests-harness';
