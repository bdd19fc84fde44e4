// One sidecar replica as its own process: `startSidecar` with workers and the notification outbox
// on, configured from the environment (PORT, DATABASE_URL, JIRA_WEBHOOK_SECRETS, LOG_LEVEL). Tests
// and benches run several of these on one PostgreSQL; a separate process is what makes SIGKILL a
// real crash. FRONTLINE_OUTBOX_LEASE_MS shortens the outbox claim, so rows a killed replica held
// come back within a test's time. Prints `ready <url>` once the store, queue and workers are up; SIGTERM stops it.
import { loadConfig, describeConfigProblems } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startSidecar } from '../src/compose.js';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${describeConfigProblems(loaded.error)}\n`);
  process.exit(1);
}
const config = loaded.value;
const sidecar = await startSidecar({
  config,
  log: createLogger({ level: config.logLevel }),
  lockWaitMs: 0,
  // Short polling floor: a burst must not wait for the default interval between wake-ups.
  pollingIntervalSeconds: 0.5,
  workers: true,
  notifications: true,
  ...(process.env.FRONTLINE_OUTBOX_LEASE_MS
    ? { outboxLeaseMs: Number(process.env.FRONTLINE_OUTBOX_LEASE_MS) }
    : {}),
});
process.stdout.write(`ready ${sidecar.url}\n`);
process.once('SIGTERM', () => {
  sidecar.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
});
