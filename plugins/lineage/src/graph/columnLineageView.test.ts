import { describeTransformation } from './columnLineageView';

const input = (transformations: unknown) => ({
  namespace: 'pg',
  dataset: 'raw.orders',
  field: 'id',
  transformations: transformations as never,
});

describe('describeTransformation', () => {
  it('names a direct transformation before an indirect one listed first', () => {
    expect(
      describeTransformation(
        input([
          { type: 'INDIRECT', subtype: 'FILTER' },
          { type: 'DIRECT', subtype: 'IDENTITY' },
        ]),
      ),
    ).toEqual({ transformation: 'DIRECT · IDENTITY', masking: false });
  });

  it('skips entries that are not objects instead of failing', () => {
    expect(
      describeTransformation(
        input([null, 'x', { type: 'DIRECT', masking: true }]),
      ),
    ).toEqual({ transformation: 'DIRECT', masking: true });
    expect(describeTransformation(input([null]))).toEqual({
      transformation: 'unknown',
      masking: false,
    });
  });

  it('reads a deprecated MASKED type, stored before ingest mapped it, as masking', () => {
    expect(
      describeTransformation(
        input([{ type: 'MASKED', description: 'sha256' }]),
      ),
    ).toEqual({ transformation: 'MASKED', masking: true });
  });

  it("reads Marquez's transformationDescription, not an empty one", () => {
    const described = (transformationDescription: unknown) =>
      describeTransformation({
        ...input([{ type: 'DIRECT', subtype: 'IDENTITY' }]),
        transformationDescription: transformationDescription as never,
      }).description;
    expect(described('copied')).toBe('copied');
    expect(described('')).toBeUndefined();
    expect(described(null)).toBeUndefined();
  });
});
