/**
 * Reads a synthesized cloud assembly (a `cdk.out` directory): its stack templates grouped by
 * environment (one nested assembly per Stage), each with a {@link TemplateContext} that can
 * follow references to the other stacks. Reads files only; no AWS.
 * @see https://github.com/aws/aws-cdk/tree/main/packages/aws-cdk-lib/cloud-assembly-schema
 */
import * as fs from 'fs';
import * as path from 'path';
import { AccessReportError } from './errors';
import type { StackDeployment } from './model';
import { pseudoParametersOf, substitutePseudoParameters } from './template';
import type { CfnTemplate, TemplateContext } from './template';

/** Environment name of stacks that are not inside any Stage. */
export const ROOT_ENVIRONMENT = '(app)';

/** The manifest file of a cloud assembly. */
export const MANIFEST_FILE = 'manifest.json';

/** One stack of an assembly. */
export interface AssemblyStack {
  /** CloudFormation stack name (`dev-Access`). */
  readonly stackName: string;
  /** Hierarchical id (`dev/Access`). */
  readonly displayName: string;
  /** The context in which its values are rendered. */
  readonly context: TemplateContext;
  /** Its bootstrap roles, from the manifest. */
  readonly deployment: StackDeployment;
}

/** The stacks of one environment (one Stage). */
export interface AssemblyEnvironment {
  readonly name: string;
  readonly stacks: AssemblyStack[];
}

/** A cloud assembly as the report sees it. */
export interface CloudAssemblyView {
  readonly directory: string;
  readonly environments: AssemblyEnvironment[];
}

/** Metadata entries by construct path (`/dev/Access/Mappings/Resource/Default`). */
type ArtifactMetadata = Record<string, ReadonlyArray<{ readonly type?: string; readonly data?: unknown }>>;

interface ManifestArtifact {
  readonly type?: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly metadata?: ArtifactMetadata;
  readonly additionalMetadataFile?: string;
  readonly properties?: {
    readonly templateFile?: string; readonly stackName?: string; readonly directoryName?: string; readonly displayName?: string;
    readonly cloudFormationExecutionRoleArn?: string; readonly assumeRoleArn?: string;
  };
}

interface RawStack {
  readonly environment: string;
  readonly pathPrefix: string;
  readonly stackName: string;
  readonly displayName: string;
  readonly template: CfnTemplate;
  readonly logicalIdPaths: ReadonlyMap<string, string>;
  readonly pseudoParameters: ReadonlyMap<string, string>;
  readonly deployment: StackDeployment;
}

/**
 * `relative` resolved in `directory`, refused unless it stays inside the assembly `root` (after
 * following symbolic links): a head assembly is untrusted data (a pull request's artifact), and
 * its manifest must not make the report read, or quote in an error, any file outside it.
 * @throws AccessReportError (`io`) naming the field and the value
 */
export function insideAssembly(root: string, directory: string, relative: string, field: string): string {
  const candidate = path.resolve(directory, relative);
  const realRoot = fs.realpathSync(root);
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    real = candidate;
  }
  if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
    throw new AccessReportError('io', `the cloud assembly ${root} names a file outside itself in ${field} (${JSON.stringify(relative)}): an assembly's files must be inside its directory; refusing to read it`);
  }
  return candidate;
}

/**
 * A template whose `Resources` the report can read: an object of objects with a string `Type`.
 * Anything else is refused, so a malformed (or hostile) assembly never reads as "no access".
 */
function checkedTemplate(template: CfnTemplate, file: string): CfnTemplate {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(template)) throw new AccessReportError('io', `${file} is not a CloudFormation template (a JSON object); synthesize the assembly again`);
  const resources: unknown = template.Resources;
  if (resources === undefined) return template;
  if (!isObject(resources)) throw new AccessReportError('io', `${file}: Resources = ${JSON.stringify(resources)} is not an object of resources; synthesize the assembly again`);
  for (const [id, r] of Object.entries(resources)) {
    if (!isObject(r) || typeof r.Type !== 'string') {
      throw new AccessReportError('io', `${file}: resource ${JSON.stringify(id)} has no string Type; synthesize the assembly again`);
    }
  }
  return template;
}

function readJson<T>(file: string, what: string): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AccessReportError('io', `cannot read ${what} ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new AccessReportError('io', `${what} ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Whether `directory` holds a cloud assembly (has a manifest.json). */
export function isCloudAssembly(directory: string): boolean {
  return fs.existsSync(path.join(directory, MANIFEST_FILE));
}

/** Logical id to construct path, from the `aws:cdk:logicalId` metadata of a stack artifact. */
function logicalIdPathsOf(root: string, directory: string, artifact: ManifestArtifact): Map<string, string> {
  const metadata: ArtifactMetadata = { ...(artifact.metadata ?? {}) };
  if (artifact.additionalMetadataFile) {
    const file = insideAssembly(root, directory, artifact.additionalMetadataFile, 'additionalMetadataFile');
    Object.assign(metadata, readJson<ArtifactMetadata>(file, 'stack metadata'));
  }
  const paths = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const entry of entries) {
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') paths.set(entry.data, constructPath.replace(/^\//, ''));
    }
  }
  return paths;
}

/** Where the walk of nested assemblies is: the root, the directories already read. */
interface Walk {
  readonly root: string;
  readonly visited: Set<string>;
}

function collectStacks(walk: Walk, directory: string, environment: string, pathPrefix: string, out: RawStack[]): void {
  const real = fs.realpathSync(directory);
  if (walk.visited.has(real)) throw new AccessReportError('io', `the cloud assembly ${walk.root} nests ${directory} twice (a loop of directoryName): refusing to read it`);
  walk.visited.add(real);
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(path.join(directory, MANIFEST_FILE), 'cloud assembly manifest');
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    const props = artifact.properties ?? {};
    if (artifact.type === 'aws:cloudformation:stack' && props.templateFile) {
      const pseudoParameters = pseudoParametersOf(artifact.environment);
      const stackName = props.stackName ?? id;
      const render = (arn: string | undefined) => (arn === undefined ? undefined : substitutePseudoParameters(arn, pseudoParameters));
      const executionRole = render(props.cloudFormationExecutionRoleArn);
      const deployRole = render(props.assumeRoleArn);
      out.push({
        environment,
        pathPrefix,
        stackName,
        displayName: artifact.displayName ?? id,
        template: checkedTemplate(readJson<CfnTemplate>(insideAssembly(walk.root, directory, props.templateFile, 'templateFile'), 'template'), `${props.templateFile}`),
        logicalIdPaths: logicalIdPathsOf(walk.root, directory, artifact),
        pseudoParameters,
        deployment: { stack: stackName, ...(executionRole ? { executionRole } : {}), ...(deployRole ? { deployRole } : {}) },
      });
    } else if (artifact.type === 'cdk:cloud-assembly' && props.directoryName) {
      const stage = props.displayName ?? artifact.displayName ?? props.directoryName;
      collectStacks(walk, insideAssembly(walk.root, directory, props.directoryName, 'directoryName'), stage, `${stage}/`, out);
    }
  }
}

function buildContexts(raw: RawStack[]): AssemblyStack[] {
  const contexts = new Map<RawStack, TemplateContext>();
  const find = (from: RawStack, match: (s: RawStack) => boolean): RawStack | undefined =>
    raw.find((s) => s.environment === from.environment && match(s)) ?? raw.find(match);
  for (const stack of raw) {
    contexts.set(stack, {
      template: stack.template,
      stackName: stack.stackName,
      pathPrefix: stack.pathPrefix,
      logicalIdPaths: stack.logicalIdPaths,
      pseudoParameters: stack.pseudoParameters,
      stackByName: (name) => {
        const target = find(stack, (s) => s.stackName === name);
        return target ? contexts.get(target) : undefined;
      },
      exportByName: (name) => {
        for (const candidate of [stack, ...raw]) {
          const output = Object.values(candidate.template.Outputs ?? {}).find((o) => o.Export?.Name === name);
          if (output) return { context: contexts.get(candidate) as TemplateContext, value: output.Value };
        }
        return undefined;
      },
    });
  }
  return raw.map((s) => ({ stackName: s.stackName, displayName: s.displayName, context: contexts.get(s) as TemplateContext, deployment: s.deployment }));
}

/**
 * Reads the cloud assembly in `directory`, following nested assemblies (one per Stage).
 * @throws AccessReportError (`io`) when the manifest or a template cannot be read
 */
export function readCloudAssembly(directory: string): CloudAssemblyView {
  if (!isCloudAssembly(directory)) {
    throw new AccessReportError('io', `${directory} is not a cloud assembly: it has no ${MANIFEST_FILE} (run \`npx cdk synth\` first)`);
  }
  const raw: RawStack[] = [];
  collectStacks({ root: directory, visited: new Set() }, directory, ROOT_ENVIRONMENT, '', raw);
  const stacks = buildContexts(raw);
  const names = [...new Set(raw.map((s) => s.environment))];
  return {
    directory,
    environments: names.map((name) => ({ name, stacks: stacks.filter((_, i) => raw[i].environment === name) })),
  };
}
