import { parseJsonExact } from './parseJsonExact';
import { schemaFieldsHash } from './schemaFieldsHash';
// The migration's own copy, which re-keyed the versions stored before.
import { schemaFieldsHash as migrationHash } from '../../migrations/lib/schemaFieldsHash';

describe('schemaFieldsHash', () => {
  it.each([
    '[{"name":"id","type":"BIGINT"}]',
    '[{"type":"BIGINT","name":"id","description":"the key"}]',
    '[{"name":"a","fields":[{"type":"x","name":"b"},{"name":"c"}]},{"name":"d"}]',
    '[{"size":12345678901234567890,"__proto__":{"b":1,"a":2},"name":"id"}]',
    '[{"name":"n","type":null,"tags":[{"value":"pii","key":"class"}]}]',
    '[]',
  ])('gives the hash the migration gave for %s', text => {
    const fields = parseJsonExact(text);
    expect(schemaFieldsHash(fields)).toBe(migrationHash(fields));
  });

  it('gives fields differing only in key order one hash, and fields in another order another', () => {
    const hashOf = (text: string) => schemaFieldsHash(parseJsonExact(text));
    expect(hashOf('[{"name":"id","__proto__":{"b":1,"a":2}}]')).toBe(
      hashOf('[{"__proto__":{"a":2,"b":1},"name":"id"}]'),
    );
    expect(hashOf('[{"name":"b"},{"name":"a"}]')).not.toBe(
      hashOf('[{"name":"a"},{"name":"b"}]'),
    );
  });
});
