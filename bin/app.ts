#!/usr/bin/env node
import { buildApp } from '../lib/app';
import { cdkCliArguments, isQuietSynth, silenceBundlingLines } from '../lib/synth/quiet';
import { runSynth } from '../lib/synth/run';

const cliArguments = cdkCliArguments(process.pid);
if (isQuietSynth(cliArguments)) silenceBundlingLines(process.stderr);

const { exitCode, messages } = runSynth(() => buildApp({ cliArguments }));
for (const line of messages) console.error(line);
process.exitCode = exitCode;
