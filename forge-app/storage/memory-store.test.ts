import { createMemoryStore } from './memory-store.js';

describe('memory store (the KVS stand-in for tests)', () => {
  it('lets exactly one of many concurrent claims take a key', async () => {
    const store = createMemoryStore();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.claim('route:lock:10001', 'me', 60)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('frees a claimed key when its time to live runs out', async () => {
    let now = 0;
    const store = createMemoryStore(() => now);
    expect(await store.claim('k', 1, 120)).toBe(true);
    now = 119_000;
    expect(await store.claim('k', 2, 120)).toBe(false);
    now = 120_000;
    expect(await store.claim('k', 3, 120)).toBe(true);
    expect(await store.get('k')).toBe(3);
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const store = createMemoryStore();
    const value = { presets: ['hardware-team'] };
    await store.set('s', value);
    value.presets.push('database-team');
    const read = await store.get<{ presets: string[] }>('s');
    read!.presets.push('order-spare-parts');
    expect(await store.get('s')).toEqual({ presets: ['hardware-team'] });
  });
});
