#!/usr/bin/env node
// The headless `cairn` command (package.json "bin"): the same core as the tray app, for scripts and servers.
import { runCli } from './cli/program.js';

process.exitCode = await runCli(process.argv.slice(2));
