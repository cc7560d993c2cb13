import { schemaFieldsOf } from './schemaFieldsOf';

/** A struct nested `depth` levels deep, one field a level. */
function nested(depth: number): unknown {
  let field: Record<string, unknown> = { name: `level${depth - 1}` };
  for (let level = depth - 2; level >= 0; level--) {
    field = { name: `level${level}`, type: 'STRUCT', fields: [field] };
  }
  return { fields: [field] };
}

describe('schemaFieldsOf', () => {
  it('reads names, types, descriptions and struct fields', () => {
    expect(
      schemaFieldsOf({
        _producer: 'https://example.com',
        fields: [
          { name: 'id', type: 'BIGINT', description: 'Key', extra: 1 },
          {
            name: 'address',
            type: 'STRUCT',
            fields: [{ name: 'city', type: 'VARCHAR' }],
          },
          { name: 'note' },
        ],
      }),
    ).toStrictEqual([
      { name: 'id', type: 'BIGINT', description: 'Key' },
      {
        name: 'address',
        type: 'STRUCT',
        fields: [{ name: 'city', type: 'VARCHAR' }],
      },
      { name: 'note' },
    ]);
  });

  it.each([
    [undefined],
    [null],
    ['abc'],
    [[{ name: 'id' }]],
    [{ fields: 'abc' }],
    [{ fields: { name: 'id' } }],
    [{ fields: [null, 'id', 3, [], { name: {} }, { type: 'BIGINT' }] }],
  ])('finds no fields in %j', facet => {
    expect(schemaFieldsOf(facet)).toEqual([]);
  });

  it('skips malformed entries and leaves out what is not a string', () => {
    expect(
      schemaFieldsOf({
        fields: [
          { name: {}, type: 'BIGINT' },
          { name: 'id', type: 7, description: null, fields: 'abc' },
          { name: 'tags', type: 'ARRAY', fields: [{ name: 1 }] },
          { name: '', type: '' },
        ],
      }),
    ).toStrictEqual([
      { name: 'id' },
      { name: 'tags', type: 'ARRAY' },
      { name: '', type: '' },
    ]);
  });

  it('keeps the last field of a name, in the place of the first', () => {
    expect(
      schemaFieldsOf({
        fields: [
          { name: 'id', type: 'TEXT' },
          { name: 'amount', type: 'DECIMAL' },
          { name: 'id', type: 'BIGINT' },
        ],
      }),
    ).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'amount', type: 'DECIMAL' },
    ]);
  });

  it('reads 16 levels of structs, however deep a producer nests them', () => {
    const names: string[] = [];
    let [field] = schemaFieldsOf(nested(20));
    while (field) {
      names.push(field.name);
      [field] = field.fields ?? [];
    }
    expect(names).toEqual(Array.from({ length: 16 }, (_, i) => `level${i}`));
  });
});
