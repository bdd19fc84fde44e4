// Every screen speaks the user's Jira language through Forge translations (manifest.yml
// `translations:`, files in forge-app/locales/). @forge/bridge's i18n reads the bundled resources
// for the locale the host reports; a screen is drawn only once its texts are loaded, so no one sees
// raw keys. If the resources cannot be loaded the keys' English texts are still better than nothing,
// so the screen falls back to the English resource compiled into the bundle.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { i18n, view } from '@forge/bridge';
// The template module alone, by its own export: UI Kit's bundler cannot follow the NodeNext `.js`
// specifiers inside shared's index, and a screen needs nothing else from it.
import { parseTemplateSource, recordLookup, renderNodes } from '@frontline/shared/text/template';
import english from '../locales/en-US.json' with { type: 'json' };

/** Values for `{{name}}` placeholders. */
export type Vars = Record<string, string | number>;

export interface Texts {
  /** The user's locale as Forge names it (`en-US`, `ru-RU`). */
  locale: string;
  /** The translation of `key`, with `{{name}}` placeholders filled from `vars`. */
  t: (key: string, vars?: Vars) => string;
  /** The user's language out of a text the sidecar sends in both (`{ en, ru }`). */
  pick: (text: { en: string; ru: string }) => string;
  /** An instant as date and time in the user's Jira time zone and language. */
  when: (iso: string) => string;
}

/**
 * Fills `{{name}}` placeholders (Frontline's one template dialect, shared with replies and routing).
 * A name without a value stays visible rather than silently vanishing, and a text the dialect cannot
 * read is shown as written: a screen must draw something even from a broken translation.
 */
export function fill(template: string, vars: Vars = {}): string {
  const parsed = parseTemplateSource(template);
  return parsed.ok ? renderNodes(parsed.value, recordLookup(vars)).text : template;
}

/** `en_US` / `ru` / `ru-RU` → the Forge locale code the resources are keyed by. */
export function forgeLocale(raw: string | undefined): string {
  const locale = (raw ?? 'en-US').replace('_', '-');
  if (locale === 'ru' || locale.startsWith('ru-')) return 'ru-RU';
  return locale.includes('-') ? locale : 'en-US';
}

/** The value of a dotted key in a nested resource, if it is a string. */
export function lookup(resource: unknown, key: string): string | undefined {
  let node: unknown = resource;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Formats instants for `locale` in `timeZone`; an unknown zone falls back to UTC, said so. */
export function instantFormatter(locale: string, timeZone: string | undefined): (iso: string) => string {
  const options = { dateStyle: 'medium', timeStyle: 'short' } as const;
  let format: Intl.DateTimeFormat;
  let suffix = '';
  try {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone ?? 'UTC' });
    if (!timeZone) suffix = ' UTC';
  } catch {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    suffix = ' UTC';
  }
  return (iso) => {
    const instant = new Date(iso);
    return Number.isNaN(instant.getTime()) ? iso : `${format.format(instant)}${suffix}`;
  };
}

function textsFor(locale: string, translate: (key: string) => string | undefined, timeZone?: string): Texts {
  const russian = locale.startsWith('ru');
  return {
    locale,
    t: (key, vars) => fill(translate(key) ?? lookup(english, key) ?? key, vars),
    pick: (text) => (russian ? text.ru : text.en) || text.en,
    when: instantFormatter(locale, timeZone),
  };
}

const TextsContext = createContext<Texts>(textsFor('en-US', (key) => lookup(english, key)));

/** The user's texts inside `<Translated>`. */
export const useTexts = (): Texts => useContext(TextsContext);

/** Loads the user's translations, then draws `children` with them. */
export function Translated({ children }: { children: ReactNode }) {
  const [texts, setTexts] = useState<Texts | null>(null);
  useEffect(() => {
    const load = async () => {
      const context = (await view.getContext()) as { locale?: string; timezone?: string };
      const locale = forgeLocale(context.locale);
      const timeZone = context.timezone;
      try {
        const translate = await i18n.createTranslationFunction(locale as never);
        // The bridge answers the key itself when it has no text: treat that as "no text".
        return textsFor(
          locale,
          (key) => {
            const text = translate(key);
            return text === key ? undefined : text;
          },
          timeZone,
        );
      } catch {
        return textsFor(locale, (key) => lookup(english, key), timeZone);
      }
    };
    void load()
      .catch(() => textsFor('en-US', (key) => lookup(english, key)))
      .then(setTexts);
  }, []);
  return texts ? <TextsContext.Provider value={texts}>{children}</TextsContext.Provider> : null;
}
