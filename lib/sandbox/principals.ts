/**
 * Who acts in the sandbox, with fixed dummy credentials that only the sandbox's stand-ins on
 * 127.0.0.1 accept (real AWS refuses them: the keys do not exist). Fixed, not random, so that
 * `npm run sandbox -- apply`, a separate process, signs as the same handler the running
 * sandbox knows, and the printed instructions are the same on every run.
 */
import type { ResolvedEnvironment } from '../config/validate';
import type { TestIdentity } from './identities';

/** The sandbox's principals for one environment. */
export interface SandboxPrincipals {
  /**
   * You: the person running `plan` and `verify`, an IAM user whose access entry puts it in the
   * verifier group (read aws-auth and the VPC CNI's ConfigMap, create SubjectAccessReviews).
   */
  readonly operator: TestIdentity;
  /** The aws-auth handler function, as its Lambda execution role's session. */
  readonly handler: TestIdentity;
  /** The handler's execution role (its access entry puts it in the aws-auth writer group). */
  readonly handlerRoleArn: string;
}

/** Session name of the handler's credentials (Lambda names sessions after the function). */
const HANDLER_SESSION = 'sandbox-apply';

/** Name of the sandbox operator's IAM user. */
export const SANDBOX_OPERATOR_USER = 'eks-access-sandbox-operator';

/** The principals of `env`'s sandbox, in its partition and account. */
export function sandboxPrincipals(env: Pick<ResolvedEnvironment, 'partition' | 'account' | 'clusterName'>): SandboxPrincipals {
  const handlerRole = `${env.clusterName}-aws-auth-handler`;
  return {
    operator: {
      accessKeyId: 'AKIASANDBOXOPERATOR1',
      secretAccessKey: 'sandbox/operator+DUMMY/not-an-aws-secret01',
      arn: `arn:${env.partition}:iam::${env.account}:user/${SANDBOX_OPERATOR_USER}`,
    },
    handler: {
      accessKeyId: 'ASIASANDBOXHANDLER01',
      secretAccessKey: 'sandbox/handler+DUMMY/not-an-aws-secret001',
      sessionToken: 'sandbox/handler+DUMMY/session-token',
      arn: `arn:${env.partition}:sts::${env.account}:assumed-role/${handlerRole}/${HANDLER_SESSION}`,
    },
    handlerRoleArn: `arn:${env.partition}:iam::${env.account}:role/${handlerRole}`,
  };
}
