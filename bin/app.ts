#!/usr/bin/env node
import { buildApp } from '../lib/app';
import { runSynth } from '../lib/synth/run';

const { exitCode, messages } = runSynth(() => buildApp());
for (const line of messages) console.error(line);
process.exitCode = exitCode;
