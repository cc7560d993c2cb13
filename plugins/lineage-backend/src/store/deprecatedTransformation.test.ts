import { deprecatedTransformation } from './deprecatedTransformation';

describe('deprecatedTransformation', () => {
  it('maps IDENTITY and MASKED to direct transformations, MASKED masking', () => {
    expect(deprecatedTransformation('IDENTITY', 'identical')).toEqual({
      type: 'DIRECT',
      subtype: 'IDENTITY',
      description: 'identical',
      transformationType: 'IDENTITY',
    });
    expect(deprecatedTransformation('MASKED', 'sha256(email)')).toEqual({
      type: 'DIRECT',
      subtype: 'TRANSFORMATION',
      description: 'sha256(email)',
      masking: true,
      transformationType: 'MASKED',
    });
  });

  it('keeps a type the spec does not define as sent', () => {
    expect(deprecatedTransformation('AGGREGATE', 'sum(x)')).toEqual({
      type: 'AGGREGATE',
      description: 'sum(x)',
    });
  });
});
