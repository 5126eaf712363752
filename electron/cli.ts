#!/usr/bin/env node
// The headless `cairn` command (package.json "bin"): the same core as the tray app, for scripts and servers.
import module from 'node:module';
import { runCli } from './cli/program.js';

// Node >= 22 can cache compiled code between runs: every `cairn` call starts faster (a no-op on Node 20).
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

process.exitCode = await runCli(process.argv.slice(2));
