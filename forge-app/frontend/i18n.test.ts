// The translation helpers: placeholders, locale codes, dotted keys.
import fc from 'fast-check';
import '../test/ui-harness';

const { fill, forgeLocale, instantFormatter, lookup } = await import('./i18n');

describe('fill', () => {
  it('fills every known placeholder, repeated ones too, and leaves unknown ones visible', () => {
    expect(fill('{{name}} has {{n}} of {{n}}; {{other}}', { name: 'Anna', n: 2 })).toBe(
      'Anna has 2 of 2; {{other}}',
    );
  });

  it('returns text without placeholders unchanged, whatever the values', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('{{')),
        fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
        (text, vars) => fill(text, vars) === text,
      ),
    );
  });

  it('never leaves a placeholder whose value was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'name'), { minLength: 1 }),
        fc.string().filter((s) => !s.includes('{{')),
        (names, value) =>
          !/\{\{(a|b|name)\}\}/.test(
            fill(names.map((n) => `{{${n}}}`).join(' '), { a: value, b: value, name: value }),
          ),
      ),
    );
  });
});

describe('forgeLocale', () => {
  it.each([
    ['ru_RU', 'ru-RU'],
    ['ru', 'ru-RU'],
    ['en_GB', 'en-GB'],
    ['en-US', 'en-US'],
    [undefined, 'en-US'],
    ['de', 'en-US'],
  ])('%s → %s', (raw, locale) => {
    expect(forgeLocale(raw)).toBe(locale);
  });
});

describe('lookup', () => {
  it('reads a dotted key and nothing that is not a text', () => {
    const resource = { a: { b: 'text', c: { d: 'deep' } } };
    expect(lookup(resource, 'a.b')).toBe('text');
    expect(lookup(resource, 'a.c.d')).toBe('deep');
    expect(lookup(resource, 'a.c')).toBeUndefined();
    expect(lookup(resource, 'a.x.y')).toBeUndefined();
  });
});

describe('instantFormatter', () => {
  const at = '2026-11-30T21:30:00Z';
  it("shows an instant in the user's zone, the local date included", () => {
    expect(instantFormatter('ru-RU', 'Europe/Moscow')(at)).toMatch(/^1 дек\.? 2026\s?г?\.?,? 00:30$/);
  });
  it('says UTC when the zone is unknown or not given', () => {
    expect(instantFormatter('en-US', 'Mars/Olympus')(at)).toMatch(/UTC$/);
    expect(instantFormatter('en-US', undefined)(at)).toMatch(/9:30\s?PM UTC$/);
  });
  it('leaves text that is not an instant as it is', () => {
    expect(instantFormatter('en-US', 'UTC')('soon')).toBe('soon');
  });
});
