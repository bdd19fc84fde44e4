// Placeholder until the sidecar platform lands: says what `npm start` will run.
console.log(
  'Frontline sidecar: not built yet. `npm start` will start the sidecar with the Jira stand-in and demo data.',
);
