/**
 * Who calls a cluster's Kubernetes API, and from which network: the app's own functions, the
 * nodes, the pipeline's verify step and people with a kubeconfig. Pure data from config (no
 * construct, no lookup). Three things rely on it: validation refuses an endpoint mode that
 * locks a caller out ({@link lockedOutCallers}); the cluster stack renders the endpoint from
 * the same {@link endpointFlags}, and the stacks place the functions where this model says they
 * run (their template tests assert it); the cdk-nag reason for the public endpoint names these
 * callers ({@link describeCallers}).
 */
import type { EndpointConfig } from './types';
import { cidrWithin } from './vpc-cidrs';
import { isIpv4Cidr } from './names';

/** A network a caller's requests come from. */
export type CallerNetwork =
  /** Inside the cluster's VPC: the private endpoint, through a security group the cluster admits. */
  | { readonly kind: 'vpc' }
  /** A network connected to the VPC (VPN, peering): the private endpoint, if the cluster security group admits `cidrs`. */
  | { readonly kind: 'connected'; readonly cidrs: readonly string[] }
  /** The internet from `cidrs`: the public endpoint, if its allow-list covers them. */
  | { readonly kind: 'internet'; readonly cidrs: readonly string[] };

/** One caller of the Kubernetes API. */
export interface ApiCaller {
  /** Who, for example "the aws-auth merge handler". */
  readonly name: string;
  /** Where it runs, as a phrase. */
  readonly runsIn: string;
  /** The networks its requests may come from; reaching through any one of them suffices. */
  readonly networks: readonly CallerNetwork[];
  /** What to change when it is locked out, as a sentence. */
  readonly fix: string;
}

/** Where the pipeline's verify step runs, for an environment the pipeline promotes. */
export interface VerifyStepOrigin {
  /** The pipeline's account (its CodeBuild project runs there). */
  readonly account: string;
  /** The pipeline's region. */
  readonly region: string;
  /** The public addresses its requests come from (`verifyStepCidrs` of lib/config/pipeline.ts). */
  readonly cidrs: readonly string[];
}

/** Names of the callers (one owner: tests and the nag reason read them from here). */
export const CALLERS = {
  handler: 'the aws-auth merge handler',
  manifests: 'the manifests functions (one per cluster per stack)',
  nodes: 'the nodes (kubelet)',
  verify: "the pipeline's verify step",
  people: 'people through their kubeconfig',
} as const;

/** The endpoint as EKS's ResourcesVpcConfig spells it; the cluster stack renders exactly this. */
export interface EndpointFlags {
  readonly privateAccess: boolean;
  readonly publicAccess: boolean;
  /** The public allow-list (empty when the public endpoint is off). */
  readonly publicCidrs: readonly string[];
  /** Blocks of connected networks the cluster security group admits on 443. */
  readonly operatorCidrs: readonly string[];
}

/** The endpoint flags of a mode. Both modes keep the private endpoint on: the app's functions and the nodes use it. */
export function endpointFlags(endpoint: EndpointConfig): EndpointFlags {
  const operatorCidrs = Array.isArray(endpoint.operatorCidrs) ? [...endpoint.operatorCidrs] : [];
  if (endpoint.access === 'private') return { privateAccess: true, publicAccess: false, publicCidrs: [], operatorCidrs };
  return { privateAccess: true, publicAccess: true, publicCidrs: Array.isArray(endpoint.publicCidrs) ? [...endpoint.publicCidrs] : [], operatorCidrs };
}

/**
 * Every caller of the environment's API. The functions run in the VPC in both modes (a public
 * allow-list could not admit Lambda's changing addresses); the verify step is listed only for an
 * environment the pipeline promotes: from CodeBuild over the public endpoint, or for a private
 * endpoint through the verify runner in the VPC.
 */
export function apiCallers(endpoint: EndpointConfig, verifyStep?: VerifyStepOrigin): ApiCaller[] {
  const flags = endpointFlags(endpoint);
  const callers: ApiCaller[] = [
    {
      name: CALLERS.handler,
      runsIn: "Lambda in the VPC's private subnets, with its own security group that the cluster security group admits on TCP 443",
      networks: [{ kind: 'vpc' }],
      fix: 'keep the private endpoint on (both endpoint modes do)',
    },
    {
      name: CALLERS.manifests,
      runsIn: "Lambda in the VPC's private subnets, each with its own security group that the cluster security group admits on TCP 443",
      networks: [{ kind: 'vpc' }],
      fix: 'keep the private endpoint on (both endpoint modes do)',
    },
    {
      name: CALLERS.nodes,
      runsIn: "the managed node groups in the VPC's private subnets",
      networks: [{ kind: 'vpc' }],
      fix: 'keep the private endpoint on (both endpoint modes do)',
    },
    {
      name: CALLERS.people,
      runsIn: 'kubectl on their workstations, on the public allow-list or on networks connected to the VPC',
      networks: [
        ...(flags.publicAccess ? [{ kind: 'internet' as const, cidrs: flags.publicCidrs }] : []),
        ...(flags.operatorCidrs.length ? [{ kind: 'connected' as const, cidrs: flags.operatorCidrs }] : []),
      ],
      fix: 'list the networks people connect from: endpoint.operatorCidrs (VPN, Direct Connect, peered VPCs, a bastion subnet), or endpoint.publicCidrs with access "public-and-private"',
    },
  ];
  if (verifyStep && !flags.publicAccess) {
    // A private endpoint: the step invokes the verify runner, which runs in the VPC (lib/constructs/verify-runner.ts).
    callers.push({
      name: CALLERS.verify,
      runsIn: `Lambda (the verify runner, invoked by the pipeline's account ${verifyStep.account} through its invoker role) in the VPC's private subnets, with its own security group that the cluster security group admits on TCP 443`,
      networks: [{ kind: 'vpc' }],
      fix: 'keep the private endpoint on (both endpoint modes do)',
    });
  } else if (verifyStep) {
    callers.push({
      name: CALLERS.verify,
      runsIn: `CodeBuild in the pipeline's account ${verifyStep.account} (${verifyStep.region}), outside any VPC`,
      networks: [{ kind: 'internet', cidrs: verifyStep.cidrs }],
      fix: `list the verify step's addresses (CodeBuild's ranges of ${verifyStep.region}, service CODEBUILD in https://ip-ranges.amazonaws.com/ip-ranges.json) in the pipeline's verifyStepCidrs and in this environment's endpoint.publicCidrs; or use access "private", whose verify step invokes the verify runner inside the VPC`,
    });
  }
  return callers;
}

/** Whether requests from `network` reach the endpoint. An empty list of addresses reaches nothing. */
export function reaches(network: CallerNetwork, flags: EndpointFlags): boolean {
  switch (network.kind) {
    case 'vpc': return flags.privateAccess;
    case 'connected': return flags.privateAccess && covered(network.cidrs, flags.operatorCidrs);
    case 'internet': return flags.publicAccess && covered(network.cidrs, flags.publicCidrs);
  }
}

/** The callers that no network of theirs lets reach the endpoint. */
export function lockedOutCallers(endpoint: EndpointConfig, callers: readonly ApiCaller[]): ApiCaller[] {
  const flags = endpointFlags(endpoint);
  return callers.filter((c) => !c.networks.some((n) => reaches(n, flags)));
}

/** One sentence per caller: who, where it runs, which endpoint it uses (the cdk-nag reason and the README). */
export function describeCallers(endpoint: EndpointConfig, callers: readonly ApiCaller[]): string {
  const flags = endpointFlags(endpoint);
  return callers.map((c) => {
    const via = c.networks.filter((n) => reaches(n, flags)).map((n) => n.kind === 'internet' ? `the public endpoint from ${n.cidrs.join(', ')}` : 'the private endpoint');
    return `${c.name} runs in ${c.runsIn} and uses ${via.length ? [...new Set(via)].join(' or ') : 'no endpoint (locked out)'}.`;
  }).join(' ');
}

/** Every block of `inner` lies within some block of `outer` (false for no blocks or malformed ones). */
function covered(inner: readonly string[], outer: readonly string[]): boolean {
  const valid = outer.filter(isIpv4Cidr);
  return inner.length > 0 && inner.every((cidr) => isIpv4Cidr(cidr) && valid.some((block) => cidrWithin(cidr, block)));
}
