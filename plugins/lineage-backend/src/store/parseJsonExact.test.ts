import { parseJsonExact } from './parseJsonExact';

describe('parseJsonExact', () => {
  it('keeps integers past 2^53 as written, and writes them back so', () => {
    const text =
      '{"id":12345678901234567890,"low":-9007199254740993,"max":9007199254740991,"ratio":0.25,"big":1e21,"text":"12345678901234567890"}';
    const parsed = parseJsonExact(text);
    expect(JSON.stringify(parsed)).toBe(text.replace('1e21', '1e+21'));
    expect(parsed.max).toBe(Number.MAX_SAFE_INTEGER);
    expect(parsed.ratio).toBe(0.25);
    expect(parsed.text).toBe('12345678901234567890');
  });

  it('finds a long integer wherever it starts', () => {
    for (let pad = 0; pad < 20; pad++) {
      const text = `{"${'k'.repeat(pad)}":9007199254740993}`;
      expect(JSON.stringify(parseJsonExact(text))).toBe(text);
    }
    const fifteen = '{"a":900719925474099,"b":"123456789012345"}';
    expect(parseJsonExact(fifteen)).toEqual(JSON.parse(fifteen));
  });

  it('parses text without long runs of digits as JSON.parse does', () => {
    const text = '{"a":[1,2.5,-3],"b":{"c":"d"},"e":null}';
    expect(parseJsonExact(text)).toEqual(JSON.parse(text));
    expect(() => parseJsonExact('{"a":')).toThrow(SyntaxError);
    expect(() => parseJsonExact('{"a":12345678901234567890')).toThrow(
      SyntaxError,
    );
  });
});
