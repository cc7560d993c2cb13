import { FacetStateCache } from './FacetStateCache';
import { facetsJson, mergeFacets, parseFacetState } from './mergeFacets';

describe('FacetStateCache', () => {
  const stored = { facets: '{"doc":{"d":1}}', times: '{"doc":1}' };

  it('gives back a copy of a state only while it is the stored one', () => {
    const cache = new FacetStateCache();
    const state = parseFacetState(stored.facets, stored.times);
    cache.set(7, state, stored.facets, stored.times);
    mergeFacets(state, [['doc', '{"d":2}']], 2);

    const hit = cache.get(7, stored.facets, stored.times);
    expect(hit && facetsJson(hit)).toBe(stored.facets);
    mergeFacets(hit!, [['doc', '{"d":3}']], 3);
    expect(cache.get(7, stored.facets, stored.times)).toBeDefined();

    expect(cache.get(7, '{"doc":{"d":9}}', stored.times)).toBeUndefined();
    expect(cache.get(7, stored.facets, '{"doc":9}')).toBeUndefined();
    expect(cache.get(8, stored.facets, stored.times)).toBeUndefined();
  });
});
