/**
 * Where the acknowledgements come from: an explicit file (`--acknowledgements FILE`, which the
 * privileged CI job points at the default branch's copy), or the file committed at the root of
 * the base git ref (`git show <commit>:access-acknowledgements.json`). Never the head's or the working
 * tree's copy implicitly: a pull request must not be able to acknowledge its own findings.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ACKNOWLEDGEMENTS_FILE, noAcknowledgements, parseAcknowledgements } from './acknowledgements';
import type { AcknowledgementSet } from './acknowledgements';
import { AccessReportError } from './errors';

/**
 * Reads and validates an explicit acknowledgement file.
 * @throws AccessReportError (`io`) when it cannot be read, (`input`) when it is malformed
 */
export function readAcknowledgementFile(file: string, cwd: string): AcknowledgementSet {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (e) {
    throw new AccessReportError('io', `cannot read --acknowledgements ${file}: ${(e as Error).message}`);
  }
  return parseAcknowledgements(text, file);
}

/**
 * Reads the acknowledgement file committed at the repository root at `commit` (the base); `cwd`
 * is any directory of the repository. A commit without the file has no acknowledgements.
 * @throws AccessReportError (`input`) when the committed file is malformed
 */
export function readAcknowledgementsAt(commit: string, label: string, cwd: string): AcknowledgementSet {
  const spec = `${commit}:${ACKNOWLEDGEMENTS_FILE}`;
  const exists = spawnSync('git', ['cat-file', '-e', spec], { cwd, encoding: 'utf8' });
  if (exists.status !== 0) return noAcknowledgements(`none: the base ${label} has no ${ACKNOWLEDGEMENTS_FILE}`);
  const shown = spawnSync('git', ['show', spec], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (shown.status !== 0) throw new AccessReportError('io', `git show ${spec} failed: ${shown.stderr.trim()}`);
  return parseAcknowledgements(shown.stdout, `${ACKNOWLEDGEMENTS_FILE} at base ${label}`);
}
