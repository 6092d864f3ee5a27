
/**
 * Kubernetes versions the app supports: those with a pinned `vpc-cni` add-on version
 * ({@link VPC_CNI_ADDON_VERSIONS}; a test checks that every one has a pin). The app's own
 * handlers speak only stable REST APIs (`v1`, `rbac.authorization.k8s.io/v1`,
 * `networking.k8s.io/v1`), and no kubectl layer is bundled since 0.3.
 */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = ['1.34', '1.35', '1.36'];

/** The version used when adding a new environment. */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/**
 * The Node.js major version of the whole toolchain: `engines` in package.json, `.nvmrc` (which
 * the GitHub workflows and `.ci/run` read), the pipeline's CodeBuild `runtime-versions`, esbuild's
 * target for the functions and their Lambda runtime (`NODEJS_24_X`). 24 is the newest Node the
 * Lambda runtime offers; Node 20 is past end of life. Files that cannot import this constant
 * hold the same number, and test/lib/config/versions.test.ts checks that they all agree.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
export const NODE_MAJOR = 24;

/** The file that holds {@link NODE_MAJOR} for nvm, `actions/setup-node` (`node-version-file`) and `.ci/run`. */
export const NODE_VERSION_FILE = '.nvmrc';

/** esbuild's `target` for the functions' bundles: the Node major the Lambda runtime runs. */
export const ESBUILD_NODE_TARGET = `node${NODE_MAJOR}`;

/**
 * The `vpc-cni` EKS add-on version pinned for each supported Kubernetes version: the one table
 * to edit when the add-on moves (a Kubernetes upgrade moves both; see the README's upgrade
 * runbook). The values come from EKS itself:
 * `aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version 1.35 --query 'addons[].addonVersions[].addonVersion'`
 * (the newest compatible build; `compatibilities[].defaultVersion` marks EKS's default), and
 * the user guide's table "Amazon VPC CNI versions" (managing-vpc-cni). Network policy needs
 * v1.14 or later. Pin, never "latest": an unpinned add-on moves when EKS publishes a build,
 * and a pinned one changes only in a reviewed pull request. Before raising a pin, compare it
 * with what runs (`kubectl -n kube-system get ds aws-node -o jsonpath='{.spec.template.spec.containers[0].image}'`):
 * EKS recommends one minor version per update, and a pin older than the running CNI downgrades it.
 * @see https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeAddonVersions.html
 */
export const VPC_CNI_ADDON_VERSIONS: Readonly<Record<string, string>> = {
  '1.34': 'v1.20.4-eksbuild.1',
  '1.35': 'v1.20.4-eksbuild.1',
  '1.36': 'v1.20.4-eksbuild.1',
};

/**
 * The pinned `vpc-cni` add-on version of a Kubernetes version.
 * @throws Error when the table has no entry (every supported version must have one; a test checks it)
 */
export function vpcCniAddonVersion(kubernetesVersion: string): string {
  const version = VPC_CNI_ADDON_VERSIONS[kubernetesVersion];
  if (version === undefined) {
    throw new Error(`VPC_CNI_ADDON_VERSIONS in lib/config/versions.ts has no vpc-cni version for Kubernetes "${kubernetesVersion}". Add one from \`aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version ${kubernetesVersion}\`.`);
  }
  return version;
}
