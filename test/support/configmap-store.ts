export * from '../../lib/sandbox/configmap-store';
