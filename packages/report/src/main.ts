#!/usr/bin/env node
// Entry of `nx run report:build`: maps the CLI's result to the exit code.
import { runReportCli } from './node/cli.js';

process.exitCode = await runReportCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
