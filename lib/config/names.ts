/** Name rules shared by config validation (Kubernetes, IAM, EKS, AWS). */

/**
 * RFC 1123 label (namespaces, node group names, environment names) and subdomain (service
 * accounts and most object names), defined with the manifests handler, which checks them too.
 */
export { DNS_LABEL_RE as DNS1123_LABEL, DNS_SUBDOMAIN_RE as DNS1123_SUBDOMAIN } from '../../lambda/manifests/core/kinds';
/** IAM role name. */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** EKS cluster name (defined with the handler contract, which checks it too). */
export { EKS_CLUSTER_NAME_RE as EKS_CLUSTER_NAME } from '../../lambda/aws-auth/api';
/** AWS region such as `eu-west-1`, `us-gov-west-1`, `cn-north-1`. */
export const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
/** Kubernetes resource quantity such as `500m`, `4`, `8Gi`. */
export const K8S_QUANTITY = /^\d+(\.\d+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)?$/;
/** EC2 instance type such as `m6i.large`. */
export const EC2_INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
/** VPC id. */
export const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** True for `a.b.c.d/n` with each octet 0-255 and 0 <= n <= 32. */
export function isIpv4Cidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

/** The partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, and so on. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}
