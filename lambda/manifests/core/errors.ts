/**
 * Errors of the pure manifests core. Each message names the object (kind namespace/name), the
 * field, the value and the fix; the handler reports it as the CloudFormation failure reason.
 */

/** The declared objects or patches (resource properties) are invalid; nothing was sent. */
export class ManifestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestInputError';
  }
}

/** A declared kind is not served by the cluster (discovery does not list it). */
export class ManifestKindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestKindError';
  }
}
