import { mainTransformation } from './mainTransformation';

describe('mainTransformation', () => {
  it('names a direct transformation before an indirect one listed first', () => {
    const direct = { type: 'DIRECT', subtype: 'IDENTITY' };
    expect(
      mainTransformation([{ type: 'INDIRECT', subtype: 'FILTER' }, direct]),
    ).toBe(direct);
  });

  it('skips entries that are not objects', () => {
    const filter = { type: 'INDIRECT', subtype: 'FILTER' };
    expect(mainTransformation([null, 'x', [1], filter])).toBe(filter);
    expect(mainTransformation([null])).toBeUndefined();
    expect(mainTransformation(undefined)).toBeUndefined();
  });
});
