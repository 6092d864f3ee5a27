#!/usr/bin/env node
import { buildApp } from '../lib/app';
import { cdkCliArguments, isQuietSynth, silenceBundlingLines } from '../lib/synth/quiet';
import { runSynth } from '../lib/synth/run';

if (isQuietSynth(cdkCliArguments(process.pid))) silenceBundlingLines(process.stderr);

const { exitCode, messages } = runSynth(() => buildApp());
for (const line of messages) console.error(line);
process.exitCode = exitCode;
