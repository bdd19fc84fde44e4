// Checking a reply as the agent types it (target: well under a frame of typing, ≤ 5 ms with both
// spellers). The glossary baseline is the same check fed a fresh copy of the glossary on every call
// (as a caller that re-reads its settings JSON would), so every pattern is compiled again; the
// measured path reuses the compiled glossary. Speller figures: building each dictionary once, and a
// Russian suggestion computed versus remembered.
import en from 'dictionary-en';
import ru from 'dictionary-ru';
import {
  checkReply,
  createHunspellSpeller,
  DEFAULT_GLOSSARY,
  DEFAULT_REPLY_TEMPLATES,
  renderReply,
  type Speller,
} from '@frontline/shared';
import {
  percentile,
  timeMillis,
  timePerCallMicros,
  withRatio,
  type BenchResult,
  type BenchSuite,
} from './lib.js';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

/** The detailed, formal month-end close reply in Russian, with one typo an agent might leave in. */
function sampleReply(): string {
  const template = DEFAULT_REPLY_TEMPLATES.find((t) => t.id === 'month-end-close-ack');
  if (!template) throw new Error('seed template missing');
  const variables = Object.fromEntries(template.variables.map((v) => [v, 'SUP-12']));
  const rendered = renderReply(template, {
    variables: { ...variables, 'reporter.name': 'Анна', 'agent.name': 'Олег', 'close.deadline': '21:00' },
    style: { detail: 'detailed', register: 'formal' },
    language: 'ru',
  });
  if (!rendered.ok) throw new Error('seed template did not render');
  return `${rendered.value.text}\nМатеринку заменили вчера, бухгалтерм всё показали.`;
}

const suite: BenchSuite = {
  name: 'replies',
  async run(): Promise<BenchResult[]> {
    const text = sampleReply();
    let spellers: { en: Speller; ru: Speller } | undefined;
    const buildEn = await timeMillis(() =>
      createHunspellSpeller({ aff: decode(en.aff), dic: decode(en.dic) }),
    );
    const buildRu = await timeMillis(() => {
      spellers = {
        en: createHunspellSpeller({ aff: decode(en.aff), dic: decode(en.dic) }),
        ru: createHunspellSpeller({ aff: decode(ru.aff), dic: decode(ru.dic) }),
      };
    });

    const glossaryCached = timePerCallMicros(() =>
      checkReply(text, { glossary: DEFAULT_GLOSSARY, language: 'ru' }),
    );
    const glossaryFresh = timePerCallMicros(() =>
      checkReply(text, { glossary: structuredClone(DEFAULT_GLOSSARY), language: 'ru' }),
    );

    const typo = 'бухгалтерм';
    const suggestFirst = await timeMillis(() => spellers?.ru.suggest(typo));
    const suggestAgain = await timeMillis(() => spellers?.ru.suggest(typo));
    const withSpellers = timePerCallMicros(() =>
      checkReply(text, { glossary: DEFAULT_GLOSSARY, language: 'ru', ...(spellers ? { spellers } : {}) }),
    );

    return [
      withRatio({
        name: 'check reply, glossary only (p50)',
        value: percentile(glossaryCached, 50),
        unit: 'µs',
        baseline: percentile(glossaryFresh, 50),
        target: '≤ 1 ms',
      }),
      {
        name: 'check reply, glossary + en/ru spelling (p50)',
        value: percentile(withSpellers, 50),
        unit: 'µs',
        target: '≤ 5 ms',
      },
      {
        name: 'check reply, glossary + en/ru spelling (p99)',
        value: percentile(withSpellers, 99),
        unit: 'µs',
        target: '≤ 5 ms',
      },
      { name: 'build en speller', value: buildEn, unit: 'ms', target: 'once per process' },
      { name: 'build en + ru spellers', value: buildRu, unit: 'ms', target: 'once per process' },
      withRatio({
        name: 'ru suggestion, remembered',
        value: suggestAgain,
        unit: 'ms',
        baseline: suggestFirst,
      }),
    ];
  },
};

export default suite;
