import { LineageReader } from '../store/LineageReader';
import { toMarquezColumnLineage } from './toMarquezColumnLineage';

describe('toMarquezColumnLineage', () => {
  it('answers with a deprecated type and description sent beside listed transformations', async () => {
    const reader = {
      names: async () =>
        new Map([
          [1, { namespace: 'pg', name: 'out' }],
          [2, { namespace: 'pg', name: 'src' }],
        ]),
      fieldTypes: async () => new Map(),
    } as unknown as LineageReader;
    const transformations = [
      {
        type: 'INDIRECT',
        subtype: 'FILTER',
        description: 'where a',
        transformationType: '',
        transformationDescription: 'copied',
      },
    ];
    const { graph } = await toMarquezColumnLineage(
      [{ datasetId: 1, field: 'x' }],
      [
        {
          output: { datasetId: 1, field: 'x' },
          input: { datasetId: 2, field: 'a' },
          transformations,
        },
      ],
      false,
      reader,
    );
    const output = graph.find(n => n.id === 'datasetField:pg:out:x')!;
    expect(output.data).toMatchObject({
      transformationType: '',
      transformationDescription: 'copied',
      inputFields: [
        {
          field: 'a',
          transformationType: '',
          transformationDescription: 'copied',
          transformations,
        },
      ],
    });
  });
});
