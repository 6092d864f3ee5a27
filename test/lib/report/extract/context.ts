/** A single-stack `TemplateContext` for extractor tests. */
import { pseudoParametersOf } from '../../../../lib/report/template';
import type { CfnTemplate, TemplateContext } from '../../../../lib/report/template';

/** The context of `template` as stack `dev-Access` in aws://111111111111/eu-west-1. */
export function contextOf(template: CfnTemplate): TemplateContext {
  return {
    template,
    stackName: 'dev-Access',
    pathPrefix: 'dev/',
    logicalIdPaths: new Map(),
    pseudoParameters: pseudoParametersOf('aws://111111111111/eu-west-1'),
    stackByName: () => undefined,
    exportByName: () => undefined,
  };
}
