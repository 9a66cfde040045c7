#!/usr/bin/env node
// React ships a development build that is several times slower to render: the TUI must not use
// it. Set before React loads, hence the dynamic imports below.
process.env['NODE_ENV'] ??= 'production';

// `fashion-lab runs | head` closes the pipe early: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const { runCli } = await import('./cli.js');
const { processIo } = await import('./cli-io.js');

// The exit code is set, not forced: process.exit could cut off output still flowing to a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIo());
