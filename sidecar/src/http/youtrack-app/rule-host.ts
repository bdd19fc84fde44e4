// A stand-in for YouTrack running the app's on-change rules against a real sidecar: each change comes
// in as one JSON line on stdin, the rule (youtrack-app/<file>, loaded once as YouTrack loads it) runs
// its guard and action on a workflow-API issue, its http calls made over HTTP, and the outcome goes out
// as one JSON line on stdout. It runs as a process of its own — YouTrack's http calls block, and
// blocking the test's own event loop would block the sidecar the test runs there.
//   npx tsx sidecar/src/http/youtrack-app/rule-host.ts
// In:  {"file": "paid-work-guard.js", "issue": FakeIssueInput, "currentUser": FakeUser, "settings": {…}}
// Out: {"guard": boolean, "refused": string | null, "warnings": string[]} — `refused` is the message of
//      workflow.check(false, message): YouTrack rolls the change back and shows it.
import { createInterface } from 'node:readline';
import { fakeEntities, fakeIssue, loadAppScript, sendingHttp } from './testing.js';
import type { FakeIssueInput, FakeUser, LoadedRule } from './testing.js';

export interface RuleChange {
  file: string;
  issue: FakeIssueInput;
  currentUser: FakeUser;
  settings: Record<string, unknown>;
}

export interface RuleOutcome {
  guard: boolean;
  refused: string | null;
  warnings: string[];
}

/** What YouTrack does on `workflow.check(false, message)`: the transaction ends with the message. */
class ChangeRefused extends Error {}
const workflow = {
  check(condition: boolean, message: string) {
    if (!condition) throw new ChangeRefused(message);
  },
};

let warnings: string[] = [];
const rules = new Map<string, LoadedRule>();
function ruleOf(file: string): LoadedRule {
  let rule = rules.get(file);
  if (!rule) {
    rule = loadAppScript<{ rule: LoadedRule }>(file, {
      entities: fakeEntities,
      http: sendingHttp(),
      workflow,
      console: { warn: (text: string) => warnings.push(text), log: () => undefined },
    }).rule;
    rules.set(file, rule);
  }
  return rule;
}

function run(change: RuleChange): RuleOutcome {
  warnings = [];
  const rule = ruleOf(change.file);
  const ctx = { issue: fakeIssue(change.issue), currentUser: change.currentUser, settings: change.settings };
  if (!rule.guard(ctx)) return { guard: false, refused: null, warnings };
  try {
    rule.action(ctx);
    return { guard: true, refused: null, warnings };
  } catch (e) {
    if (e instanceof ChangeRefused) return { guard: true, refused: e.message, warnings };
    throw e;
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  process.stdout.write(`${JSON.stringify(run(JSON.parse(line) as RuleChange))}\n`);
}
