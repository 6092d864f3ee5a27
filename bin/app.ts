#!/usr/bin/env node
import { buildApp } from '../lib/app';
import { readNagFindings } from '../lib/nag/report';

const assembly = buildApp().app.synth();
const findings = readNagFindings(assembly.directory);
if (findings.length > 0) {
  console.error(`cdk-nag: ${findings.length} unacknowledged finding(s); fix them or acknowledge each with a specific reason:`);
  for (const f of findings) console.error(`  ${f.rule} at ${f.path}`);
  process.exit(1);
}
