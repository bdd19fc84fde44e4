// The Jira stand-in for the sweep benchmark, in its own process so the sweep's CPU time is measured
// alone: starts with N open issues (argv[2]), prints {"url": …} on one line, and runs until its
// stdin closes.
import { startJiraStandIn } from '../sidecar/sandbox/index.js';
import { raiseOpenIssues } from '../sidecar/src/temperature/testing.js';

const count = Number(process.argv[2] ?? '0');
const standIn = await startJiraStandIn({ seed: false });
raiseOpenIssues(standIn, count);
process.stdout.write(`${JSON.stringify({ url: standIn.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void standIn.close().then(() => process.exit(0));
});
