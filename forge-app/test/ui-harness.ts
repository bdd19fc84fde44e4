// Renders UI Kit screens without Jira. UI Kit talks to its host through a global bridge
// (`self.__bridge.callBridge(cmd, data)`): `reconcile` carries the tree that would be drawn (the
// forgeDoc, `{ type, props, children }`), `invoke` calls a resolver, `getContext` asks for the
// context. This protocol is internal to Forge, so everything that knows it lives in this file.
//
// @forge/bridge reads the global when it loads, so test files import this module first and load
// their screens (and @forge/react) afterwards with `await import(...)`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReactElement } from 'react';
import { projectRoot, readManifest } from '../scripts/forge-checks.js';

export interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
}

/** One rendered screen as the bridge sees it: its root (the forgeDoc its reconciles carry). */
interface Screen {
  root?: object;
  reconcile(doc: ForgeNode): void;
  call(cmd: string, data: unknown): unknown;
}

// Every `renderUi` creates a new UI Kit root and earlier roots live on (a screen whose resolver
// answers arrive late still re-renders), so a reconcile goes to the screen whose root it carries;
// an unclaimed root is the newest screen's. Resolver calls and context requests carry no root: they
// go to the screen the test touched last (rendered, or pressed/changed something on).
const screens: Screen[] = [];
let active: Screen | undefined;
const host = globalThis as unknown as { self?: unknown; __bridge?: unknown };
host.self ??= globalThis;
host.__bridge = {
  callBridge(cmd: string, data: unknown) {
    if (cmd !== 'reconcile') return active ? active.call(cmd, data) : Promise.resolve(undefined);
    const doc = (data as { forgeDoc: ForgeNode }).forgeDoc;
    let owner = screens.find((screen) => screen.root === doc);
    const newest = screens.at(-1);
    if (!owner && newest && newest.root === undefined) {
      newest.root = doc;
      owner = newest;
    }
    owner?.reconcile(doc);
    return Promise.resolve(undefined);
  },
};

export interface UiOptions {
  /** Answers `invoke(functionKey, payload)` (typically a resolver harness's `call`). */
  invoke: (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;
  context?: Record<string, unknown>;
  /** The user's Jira locale the host reports in the context (default `en-US`). */
  locale?: string;
}

/** What manifest.yml declares under `translations:`. */
interface ManifestTranslations {
  resources: { key: string; path: string }[];
  fallback: { default: string } & Record<string, unknown>;
}

// The host serves the translation resources declared in manifest.yml to the screen's frame at
// `./__LOCALES__/` (i18n-info.json, then `<locale>.json`); @forge/bridge's i18n fetches them there.
const LOCALES_PREFIX = './__LOCALES__/';
const hostFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith(LOCALES_PREFIX)) return hostFetch(input, init);
  const root = projectRoot();
  const translations = (await readManifest(root)).translations as ManifestTranslations;
  const file = url.slice(LOCALES_PREFIX.length);
  if (file === 'i18n-info.json')
    return Response.json({
      translations: {},
      config: { locales: translations.resources.map((r) => r.key), fallback: translations.fallback },
    });
  const resource = translations.resources.find((r) => `${r.key}.json` === file);
  if (!resource) return new Response('not found', { status: 404 });
  return new Response(await readFile(join(root, resource.path), 'utf8'), {
    headers: { 'content-type': 'application/json' },
  });
};

export interface Ui {
  /** The tree of the last `reconcile`. */
  tree(): ForgeNode;
  /** All text in the tree, in order, joined by single spaces. */
  text(): string;
  /** Nodes of a type (optionally whose text contains `withText`). */
  findAll(type: string, withText?: string): ForgeNode[];
  /** Resolver calls made so far. */
  invocations: { functionKey: string; payload: Record<string, unknown> }[];
  /** Presses the button whose label contains `label` (calls its onClick as the host would). */
  press(label: string): Promise<void>;
  /** Calls a node's handler prop (`onChange`, …) with `value`. */
  fire(node: ForgeNode, prop: string, value: unknown): Promise<void>;
  /**
   * Waits until `check` holds for the tree (default 5 s: a screen that reaches the sidecar over HTTP
   * may wait that long on a busy machine).
   */
  waitFor(check: (ui: Ui) => boolean, timeoutMs?: number): Promise<void>;
}

/** Visible text of a node and its descendants (titles such as a SectionMessage's included). */
export function textOf(node: ForgeNode): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  const title = typeof node.props.title === 'string' ? [node.props.title] : [];
  return [...title, ...node.children.map(textOf)].filter(Boolean).join(' ');
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Renders `element` through UI Kit's reconciler and returns a handle to read and drive it. */
export async function renderUi(element: ReactElement, options: UiOptions): Promise<Ui> {
  const forgeReact = (await import('@forge/react')) as unknown as {
    default: { render?: (e: ReactElement) => void; default?: { render: (e: ReactElement) => void } };
  };
  // Under native ESM the CommonJS default export arrives wrapped once more than under a bundler.
  const outer = forgeReact.default;
  const reconciler: { render: (e: ReactElement) => void } = outer.render
    ? { render: outer.render }
    : outer.default!;
  let last: ForgeNode = { type: 'Root', props: {}, children: [] };
  const invocations: Ui['invocations'] = [];
  const screen: Screen = {
    reconcile: (doc) => {
      last = structuredCloneDoc(doc);
    },
    call: (cmd, data) => answer(cmd, data),
  };
  const answer = (cmd: string, data: unknown): unknown => {
    if (cmd === 'invoke') {
      const { functionKey, payload } = data as { functionKey: string; payload?: Record<string, unknown> };
      invocations.push({ functionKey, payload: payload ?? {} });
      return options.invoke(functionKey, payload ?? {});
    }
    if (cmd === 'getContext')
      return Promise.resolve({ locale: options.locale ?? 'en-US', ...(options.context ?? {}) });
    return Promise.resolve(undefined);
  };

  const all = (node: ForgeNode): ForgeNode[] => [node, ...node.children.flatMap(all)];
  const ui: Ui = {
    tree: () => last,
    text: () => textOf(last),
    findAll: (type, withText) =>
      all(last).filter((n) => n.type === type && (withText === undefined || textOf(n).includes(withText))),
    invocations,
    async press(label) {
      const button = ui.findAll('Button', label)[0];
      if (!button) throw new Error(`No button "${label}" in: ${ui.text()}`);
      if (button.props.isDisabled) throw new Error(`Button "${label}" is disabled`);
      await ui.fire(button, 'onClick', undefined);
    },
    async fire(node, prop, value) {
      const fn = node.props[prop];
      if (typeof fn !== 'function') throw new Error(`${node.type} has no ${prop}`);
      active = screen;
      (fn as (v: unknown) => void)(value);
      await tick();
    },
    async waitFor(check, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (!check(ui)) {
        if (Date.now() > until) throw new Error(`Timed out; the screen shows: ${ui.text()}`);
        await tick();
      }
    },
  };
  screens.push(screen);
  active = screen;
  reconciler.render(element);
  await tick();
  return ui;
}

/** A snapshot of the tree (the reconciler mutates its nodes in place); handler props are kept. */
function structuredCloneDoc(node: ForgeNode): ForgeNode {
  return { type: node.type, props: { ...node.props }, children: node.children.map(structuredCloneDoc) };
}
