/**
 * The CloudFormation custom-resource events the CDK Provider framework hands to `onEvent`
 * (only the fields we read), and what `onEvent` returns.
 */
export interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  /**
   * The resource's CloudFormation type (`Custom::...`), for a handler that serves more than one.
   * @default - not read by single-type handlers
   */
  readonly ResourceType?: string;
  readonly LogicalResourceId?: string;
  readonly RequestId?: string;
  readonly StackId?: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/** What `onEvent` returns to the Provider framework. */
export interface CustomResourceResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string | number>;
}

/** The Lambda context fields we use. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?(): number;
}
