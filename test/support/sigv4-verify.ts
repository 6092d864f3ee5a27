export * from '../../lib/sandbox/sigv4-verify';
