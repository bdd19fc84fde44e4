// `npm start` and the container's command: the product when a Jira site is configured
// (JIRA_BASE_URL), otherwise the demo, which composes the product with the Jira stand-in.
const entry = process.env.JIRA_BASE_URL ? await import('./src/main.js') : await import('./demo/main.js');

entry.main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
