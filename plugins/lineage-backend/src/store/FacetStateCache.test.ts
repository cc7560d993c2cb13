import { FacetStateCache, storedFacetState } from './FacetStateCache';
import { facetsJson, mergeFacets, parseFacetState } from './mergeFacets';

describe('FacetStateCache', () => {
  const stored = { facets: '{"doc":{"d":1}}', facet_times: '{"doc":1}' };
  const state = () => parseFacetState(stored.facets, stored.facet_times);
  /** Room for two entries of `stored`'s size, not three. */
  const twoEntries = 2 * ('doc{"d":1}'.length + stored.facet_times.length);
  const cachedIds = (cache: FacetStateCache, ids: number[]) => [
    ...cache.lookup(ids).keys(),
  ];

  it('keeps a copy of each state, never changed by the merges it starts', () => {
    const cache = new FacetStateCache();
    const merged = state();
    cache.set(7, merged, stored.facet_times, '100');
    mergeFacets(merged, [['doc', '{"d":2}']], 2);

    const cached = cache.lookup([7, 8]);
    expect([...cached.keys()]).toEqual([7]);
    expect(cached.get(7)!.stamp).toBe('100');
    const resumed = storedFacetState(
      { ...stored, stamp: '100' },
      cached.get(7),
    );
    mergeFacets(resumed, [['doc', '{"d":3}']], 3);
    expect(facetsJson(cache.lookup([7]).get(7)!.state)).toBe(stored.facets);
  });

  it('makes room by dropping the state used longest ago', () => {
    const cache = new FacetStateCache(twoEntries);
    cache.set(1, state(), stored.facet_times);
    cache.set(2, state(), stored.facet_times);
    expect(cachedIds(cache, [1])).toEqual([1]);
    cache.set(3, state(), stored.facet_times);
    expect(cachedIds(cache, [1, 2, 3])).toEqual([1, 3]);
  });

  it('counts a state stored again once', () => {
    const cache = new FacetStateCache(twoEntries);
    cache.set(1, state(), stored.facet_times);
    cache.set(1, state(), stored.facet_times);
    cache.set(2, state(), stored.facet_times);
    expect(cachedIds(cache, [1, 2])).toEqual([1, 2]);
  });

  it('keeps no state larger than the whole cache', () => {
    const cache = new FacetStateCache(twoEntries);
    const facets = JSON.stringify({ doc: { d: 'x'.repeat(twoEntries) } });
    cache.set(1, parseFacetState(facets, stored.facet_times), '{}');
    expect(cachedIds(cache, [1])).toEqual([]);
  });
});

describe('storedFacetState', () => {
  const cache = new FacetStateCache();
  cache.set(
    7,
    parseFacetState('{"doc":{"d":1}}', '{"doc":1}'),
    '{"doc":1}',
    '100',
  );
  const cached = cache.lookup([7]).get(7)!;

  it('resumes the cached state of a row read without its facets', () => {
    const state = storedFacetState({ facet_times: '{"doc":1}' }, cached);
    expect(facetsJson(state)).toBe('{"doc":{"d":1}}');
    expect(state.times).toEqual({ doc: 1 });
  });

  it('takes the facet times read, which change apart from the facets', () => {
    const state = storedFacetState({ facet_times: '{"doc":5}' }, cached);
    expect(facetsJson(state)).toBe('{"doc":{"d":1}}');
    expect(state.times).toEqual({ doc: 5 });
  });

  it('parses the text read once another writer changed the row', () => {
    const row = {
      stamp: '200',
      facets: '{"doc":{"d":2}}',
      facet_times: '{"doc":1}',
    };
    expect(facetsJson(storedFacetState(row, cached))).toBe('{"doc":{"d":2}}');
    expect(facetsJson(storedFacetState(row, undefined))).toBe(
      '{"doc":{"d":2}}',
    );
  });

  it('parses a row whose text another writer formatted otherwise', () => {
    const spaced = '{ "doc": { "d": 9 } }';
    const state = storedFacetState(
      { facets: spaced, facet_times: '{}' },
      cached,
    );
    expect(facetsJson(state)).toBe('{"doc":{"d":9}}');
  });
});
