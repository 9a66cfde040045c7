// A worker that claims sweep trials through the compiled package, as a real worker process
// would (plain JavaScript, so Node 20 runs it too). Arguments: the runs directory, the moment
// (ms since the epoch) to start at, then the run ids. It claims them all at once, and prints the
// ids it got as one JSON array.
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { claimTrialRun } from '@fashion-lab/run/node';

const [runsDir, at, ...runIds] = process.argv.slice(2);
// Line the workers up on one moment: sleep most of the way, then spin.
await sleep(Math.max(0, Number(at) - Date.now() - 5));
while (Date.now() < Number(at));
const claimed = await Promise.all(runIds.map((runId) => claimTrialRun(runsDir, runId)));
process.stdout.write(JSON.stringify(runIds.filter((_, i) => claimed[i])));
