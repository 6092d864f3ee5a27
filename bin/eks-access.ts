#!/usr/bin/env node
import { runEntryPoint } from '../lib/cli/entry-point';

// The CLI's modules (and the config they read) load inside the entry point, so an error while
// loading them is a sentence too.
void runEntryPoint('eks-access', async () => (await import('../lib/cli/run')).runCli(process.argv.slice(2)));
