import { DEMO_SETTINGS } from '../demo/settings.js';
import { parseWith } from './errors.js';
import { partsFieldOf } from './routing.js';
import { SettingsDocumentSchema, type SettingsDocumentInput } from './settings.js';

// One field lists the spare parts on a site: `jiraFields.parts`. A preset's parts picker fills it; a
// picker's own `catalogField` survives only from settings stored before the site-wide setting.

const PARTS_PRESET = 'order-spare-parts';
const partsIndex = DEMO_SETTINGS.routingPresets!.findIndex((p) => p.id === PARTS_PRESET);

type Preset = NonNullable<SettingsDocumentInput['routingPresets']>[number];

/** The demo settings with the parts preset changed and the site's parts field set or left out. */
function demo(change: (preset: Preset) => Preset, parts: string | undefined): SettingsDocumentInput {
  const doc = structuredClone(DEMO_SETTINGS);
  const { parts: _drop, ...others } = doc.jiraFields ?? {};
  doc.jiraFields = parts === undefined ? others : { ...others, parts };
  doc.routingPresets = doc.routingPresets!.map((p) => (p.id === PARTS_PRESET ? change(p) : p));
  return doc;
}

const issuesOf = (doc: SettingsDocumentInput) => {
  const parsed = parseWith(SettingsDocumentSchema, doc);
  return parsed.ok ? [] : parsed.error;
};

describe('the parts field', () => {
  it('is named once for the site in the demo settings, and the parts preset fills it', () => {
    const settings = SettingsDocumentSchema.parse(DEMO_SETTINGS);
    const picker = settings.routingPresets[partsIndex]!.partsPicker!;
    expect(picker.catalogField).toBeUndefined();
    expect(partsFieldOf(picker, settings.jiraFields)).toBe('customfield_10051');
  });

  it('is required once a preset orders parts, named at jiraFields.parts with the presets that need it', () => {
    const issues = issuesOf(demo((p) => p, undefined));
    expect(issues).toEqual([
      {
        path: 'jiraFields.parts',
        message: `Choose the site's spare parts field: the routing preset "${PARTS_PRESET}" orders parts from it`,
      },
    ]);
    const noPicker = demo(({ partsPicker: _none, ...p }) => p, undefined);
    expect(issuesOf(noPicker)).toEqual([]);
  });

  it('refuses a preset naming another field than the site’s, by the preset’s path', () => {
    const issues = issuesOf(
      demo(
        (p) => ({ ...p, partsPicker: { ...p.partsPicker, catalogField: 'Parts to replace' } }),
        'customfield_10051',
      ),
    );
    expect(issues).toEqual([
      {
        path: `routingPresets.${partsIndex}.partsPicker.catalogField`,
        message:
          'The parts field is the site\'s jiraFields.parts ("customfield_10051"); remove catalogField ("Parts to replace") from the preset',
      },
    ]);
    // The same field spelled the same way (any case) is no contradiction.
    const same = demo(
      (p) => ({ ...p, partsPicker: { ...p.partsPicker, catalogField: 'CUSTOMFIELD_10051' } }),
      'customfield_10051',
    );
    expect(issuesOf(same)).toEqual([]);
  });

  it('refuses a field rule filling the field the picker fills', () => {
    const issues = issuesOf(
      demo(
        (p) => ({
          ...p,
          fields: [...(p.fields ?? []), { targetField: 'customfield_10051', from: { value: [] } }],
        }),
        'customfield_10051',
      ),
    );
    const index = (DEMO_SETTINGS.routingPresets![partsIndex]!.fields ?? []).length;
    expect(issues).toEqual([
      {
        path: `routingPresets.${partsIndex}.fields.${index}.targetField`,
        message: 'The parts field "customfield_10051" is filled by the parts picker; remove its field rule',
      },
    ]);
  });

  it('is read from the preset in settings stored before the site-wide setting', () => {
    const older = demo(
      (p) => ({ ...p, partsPicker: { catalogField: 'Parts catalog', minParts: 1 } }),
      undefined,
    );
    const parsed = parseWith(SettingsDocumentSchema, older);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const picker = parsed.value.routingPresets[partsIndex]!.partsPicker!;
    expect(partsFieldOf(picker, parsed.value.jiraFields)).toBe('Parts catalog');
  });
});
