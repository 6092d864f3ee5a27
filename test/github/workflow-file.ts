/**
 * The pull-request workflows as data, for the workflow tests: parsed with `yaml`, typed just
 * enough to walk jobs and steps.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

export interface Step { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; 'continue-on-error'?: boolean }
export interface Job {
  name?: string;
  'if'?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  environment?: unknown;
  steps: Step[];
}
export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

export const WORKFLOWS_DIR = path.join(__dirname, '..', '..', '.github', 'workflows');

/** A workflow file's text and parsed content. */
export function loadWorkflow(file: string): { source: string; workflow: Workflow; errors: unknown[] } {
  const source = fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8');
  const doc = YAML.parseDocument(source);
  return { source, workflow: doc.toJS() as Workflow, errors: doc.errors };
}
