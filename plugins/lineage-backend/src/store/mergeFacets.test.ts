import { FacetState, mergeFacets } from './mergeFacets';

describe('mergeFacets', () => {
  it('lets the newer facet win whatever the order of arrival', () => {
    const inOrder: FacetState = { facets: {}, times: {} };
    mergeFacets(inOrder, { schema: { v: 1 } }, 1);
    mergeFacets(inOrder, { schema: { v: 2 } }, 2);
    const reversed: FacetState = { facets: {}, times: {} };
    mergeFacets(reversed, { schema: { v: 2 } }, 2);
    expect(mergeFacets(reversed, { schema: { v: 1 } }, 1).size).toBe(0);
    expect(inOrder.facets).toEqual({ schema: { v: 2 } });
    expect(reversed.facets).toEqual(inOrder.facets);
  });

  it('removes a facet marked _deleted, and an older one cannot revive it', () => {
    const state: FacetState = { facets: {}, times: {} };
    mergeFacets(state, { owner: { name: 'a' }, doc: { d: 1 } }, 1);
    expect(mergeFacets(state, { owner: { _deleted: true } }, 3)).toEqual(
      new Set(['owner']),
    );
    mergeFacets(state, { owner: { name: 'late' } }, 2);
    expect(state.facets).toEqual({ doc: { d: 1 } });
  });

  it('reports nothing changed for the same facet twice', () => {
    const state: FacetState = { facets: {}, times: {} };
    mergeFacets(state, { custom_x: { deep: [1, 2] } }, 5);
    expect(mergeFacets(state, { custom_x: { deep: [1, 2] } }, 5).size).toBe(0);
  });
});
