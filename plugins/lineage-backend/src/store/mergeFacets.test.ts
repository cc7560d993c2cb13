import {
  emptyFacetState,
  facetsJson,
  mergeFacets,
  parseFacetState,
} from './mergeFacets';
import { facetTexts } from './prepareEvent';

const facetsOf = (state: ReturnType<typeof emptyFacetState>) =>
  JSON.parse(facetsJson(state));

/**
 * Merges facets as an event carries them, each prepared as text, on a
 * clock counting times up to `seenBy` (by default any).
 */
const merge = (
  state: ReturnType<typeof emptyFacetState>,
  facets: Record<string, unknown>,
  time: number,
  seenBy = Infinity,
) => mergeFacets(state, facetTexts(facets), time, seenBy);

describe('mergeFacets', () => {
  it('lets the newer facet win whatever the order of arrival', () => {
    const inOrder = emptyFacetState();
    merge(inOrder, { schema: { v: 1 } }, 1);
    merge(inOrder, { schema: { v: 2 } }, 2);
    const reversed = emptyFacetState();
    merge(reversed, { schema: { v: 2 } }, 2);
    expect(merge(reversed, { schema: { v: 1 } }, 1).size).toBe(0);
    expect(facetsOf(inOrder)).toEqual({ schema: { v: 2 } });
    expect(facetsJson(reversed)).toBe(facetsJson(inOrder));
  });

  it('lets a facet dated ahead of the clock lose to any within it, whatever the order of arrival', () => {
    // Received at 100, counting times up to 110; 2000 is a typo'd year.
    const aheadFirst = emptyFacetState();
    merge(aheadFirst, { schema: { v: 'typo' }, doc: { d: 'typo' } }, 2000, 110);
    merge(aheadFirst, { schema: { v: 'now' } }, 100, 110);
    const aheadLast = emptyFacetState();
    merge(aheadLast, { schema: { v: 'now' } }, 100, 110);
    expect(
      merge(
        aheadLast,
        { schema: { v: 'typo' }, doc: { d: 'typo' } },
        2000,
        110,
      ),
    ).toEqual(new Map([['doc', '{"d":"typo"}']]));
    // It sets what nothing within the clock's bound set.
    expect(facetsOf(aheadFirst)).toEqual({
      schema: { v: 'now' },
      doc: { d: 'typo' },
    });
    expect(facetsJson(aheadLast)).toBe(facetsJson(aheadFirst));
    expect(aheadLast.times).toEqual(aheadFirst.times);
    // Once its time comes round, it is newer as any.
    merge(aheadLast, { schema: { v: 'typo' } }, 2000, 2000);
    expect(facetsOf(aheadLast).schema).toEqual({ v: 'typo' });
  });

  it('settles facets of the same time alike whatever the order of arrival', () => {
    const orders = [
      [{ doc: { d: 'v1' } }, { doc: { d: 'v2' } }],
      [{ doc: { d: 'v2' } }, { doc: { d: 'v1' } }],
    ];
    const settled = orders.map(order => {
      const state = emptyFacetState();
      order.forEach(facets => merge(state, facets, 7));
      return facetsOf(state);
    });
    expect(settled).toEqual([{ doc: { d: 'v2' } }, { doc: { d: 'v2' } }]);
    const deletions = [
      [{ doc: { d: 'v1' } }, { doc: { _deleted: true } }],
      [{ doc: { _deleted: true } }, { doc: { d: 'v1' } }],
    ].map(order => {
      const state = emptyFacetState();
      order.forEach(facets => merge(state, facets, 7));
      return facetsOf(state);
    });
    expect(deletions).toEqual([{}, {}]);
  });

  it('removes a facet marked _deleted, and an older one cannot revive it', () => {
    const state = emptyFacetState();
    merge(state, { owner: { name: 'a' }, doc: { d: 1 } }, 1);
    expect(merge(state, { owner: { _deleted: true } }, 3)).toEqual(
      new Map([['owner', undefined]]),
    );
    merge(state, { owner: { name: 'late' } }, 2);
    expect(facetsOf(state)).toEqual({ doc: { d: 1 } });
  });

  it('reports nothing changed for the same facet twice, and the new value otherwise', () => {
    const state = emptyFacetState();
    merge(state, { custom_x: { deep: [1, 2] } }, 5);
    expect(merge(state, { custom_x: { deep: [1, 2] } }, 5).size).toBe(0);
    expect(merge(state, { custom_x: { deep: [3] } }, 6)).toEqual(
      new Map([['custom_x', '{"deep":[3]}']]),
    );
  });

  it('stores nothing for a facet without a JSON value', () => {
    const state = emptyFacetState();
    merge(state, { doc: { d: 1 } }, 1);
    expect(merge(state, { doc: undefined, odd: undefined }, 2).size).toBe(0);
    expect(facetsOf(state)).toEqual({ doc: { d: 1 } });
    expect(state.times).toEqual({ doc: 1 });
  });

  it('reads stored columns back to the text they were written as, any facet name included', () => {
    const facets = JSON.stringify({
      schema: { fields: [{ name: 'id', type: 'BIGINT' }] },
      ['__proto__']: { odd: true },
      '7': 'numeric name',
    });
    const times = JSON.stringify({ schema: 1, ['__proto__']: 2, '7': 3 });
    const state = parseFacetState(facets, times);
    expect(facetsJson(state)).toBe(facets);
    expect(JSON.stringify(state.times)).toBe(times);
    merge(state, { ['__proto__']: { odd: false } }, 4);
    expect(facetsJson(state)).toContain('"__proto__":{"odd":false}');
  });
});
