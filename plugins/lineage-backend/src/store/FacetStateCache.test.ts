import { FacetStateCache } from './FacetStateCache';
import { facetsJson, mergeFacets, parseFacetState } from './mergeFacets';

describe('FacetStateCache', () => {
  const stored = { facets: '{"doc":{"d":1}}', times: '{"doc":1}' };
  const state = () => parseFacetState(stored.facets, stored.times);
  /** Room for two entries of `stored`'s size, not three. */
  const twoEntries = 2 * (stored.facets.length + stored.times.length);

  it('gives back a copy of a state only while it is the stored one', () => {
    const cache = new FacetStateCache();
    const cached = state();
    cache.set(7, cached, stored.facets, stored.times);
    mergeFacets(cached, [['doc', '{"d":2}']], 2, Infinity);

    const hit = cache.get(7, stored.facets, stored.times);
    expect(hit && facetsJson(hit)).toBe(stored.facets);
    mergeFacets(hit!, [['doc', '{"d":3}']], 3, Infinity);
    expect(cache.get(7, stored.facets, stored.times)).toBeDefined();

    expect(cache.get(7, '{"doc":{"d":9}}', stored.times)).toBeUndefined();
    expect(cache.get(7, stored.facets, '{"doc":9}')).toBeUndefined();
    expect(cache.get(8, stored.facets, stored.times)).toBeUndefined();
  });

  it('misses a row whose text another writer formatted otherwise', () => {
    const cache = new FacetStateCache();
    const spaced = '{ "doc": { "d": 1 } }';
    cache.set(7, parseFacetState(spaced, stored.times), spaced, stored.times);
    expect(cache.get(7, spaced, stored.times)).toBeUndefined();
  });

  it('makes room by dropping the state used longest ago', () => {
    const cache = new FacetStateCache(twoEntries);
    cache.set(1, state(), stored.facets, stored.times);
    cache.set(2, state(), stored.facets, stored.times);
    expect(cache.get(1, stored.facets, stored.times)).toBeDefined();
    cache.set(3, state(), stored.facets, stored.times);

    expect(cache.get(2, stored.facets, stored.times)).toBeUndefined();
    expect(cache.get(1, stored.facets, stored.times)).toBeDefined();
    expect(cache.get(3, stored.facets, stored.times)).toBeDefined();
  });

  it('counts a state stored again once', () => {
    const cache = new FacetStateCache(twoEntries);
    cache.set(1, state(), stored.facets, stored.times);
    cache.set(1, state(), stored.facets, stored.times);
    cache.set(2, state(), stored.facets, stored.times);
    expect(cache.get(1, stored.facets, stored.times)).toBeDefined();
    expect(cache.get(2, stored.facets, stored.times)).toBeDefined();
  });

  it('keeps no state larger than the whole cache', () => {
    const cache = new FacetStateCache(twoEntries);
    const facets = JSON.stringify({ doc: { d: 'x'.repeat(twoEntries) } });
    cache.set(1, parseFacetState(facets, stored.times), facets, stored.times);
    expect(cache.get(1, facets, stored.times)).toBeUndefined();
  });
});
