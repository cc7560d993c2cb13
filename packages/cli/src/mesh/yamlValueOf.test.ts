import { parseDocument } from 'yaml';
import { yamlValueOf } from './yamlValueOf';

describe('yamlValueOf', () => {
  it("reads a %YAML 1.1 date as the catalog stores it, the date's ISO string", () => {
    const text =
      '%YAML 1.1\n---\nmetadata:\n  annotations:\n    meshwork.dev/reviewed-on: 2024-01-01\n';
    expect(yamlValueOf(parseDocument(text), text)).toEqual({
      value: {
        metadata: {
          annotations: {
            'meshwork.dev/reviewed-on': '2024-01-01T00:00:00.000Z',
          },
        },
      },
    });
  });
});
