export * from '../../lib/sandbox/manifests-access';
