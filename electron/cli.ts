#!/usr/bin/env node
// The headless `cairn` command (package.json "bin"): the same core as the tray app, for scripts and servers.
import module from 'node:module';

// Node >= 22 caches compiled code between runs, so every `cairn` call starts faster (a no-op on
// Node 20). It applies to modules loaded after this call, hence the dynamic import below.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./cli/program.js');
process.exitCode = await runCli(process.argv.slice(2));
