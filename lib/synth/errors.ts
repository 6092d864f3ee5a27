/**
 * Config errors as synth prints them: the problem list (environment, field, value, fix) and
 * nothing else, no stack trace and no dump of the error object.
 */
import { ConfigValidationError } from '../config/errors';
import { PipelineConfigError } from '../config/pipeline';
import { SynthOptionError } from './template-validation';

/** The problem list of a config error, or the sentence of a bad synth option (its message); undefined for any other error. */
export function configProblemsReport(error: unknown): string | undefined {
  if (error instanceof ConfigValidationError || error instanceof PipelineConfigError || error instanceof SynthOptionError) return error.message;
  return undefined;
}
