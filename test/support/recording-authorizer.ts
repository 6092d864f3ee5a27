/**
 * An authorizer of the Kubernetes stand-in that records the questions asked about one caller's
 * requests: what the RBAC-from-handler tests compare the generated rules with.
 */
import type { KubeAuthorizer } from './kube-api-server';

/** One authorization question the stand-in asked about a request of the recorded caller. */
export interface AuthzQuestion {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly allowed: boolean;
}

/**
 * `authorize`, pushing onto `questions` every question about `caller`. `seenAs` is the name the
 * inner authorizer gets for that caller (an access entry's username, as EKS hands it to RBAC).
 */
export function recordingAuthorizer(authorize: KubeAuthorizer, caller: string, questions: AuthzQuestion[], seenAs = caller): KubeAuthorizer {
  return (user, verb, resource, namespace, name, groups, details) => {
    const verdict = authorize(user === caller ? seenAs : user, verb, resource, namespace, name, groups, details);
    const allowed = typeof verdict === 'boolean' ? verdict : verdict.allowed;
    if (user === caller) {
      questions.push({ verb, apiGroup: details?.apiGroup ?? '', resource, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}), allowed });
    }
    return verdict;
  };
}
