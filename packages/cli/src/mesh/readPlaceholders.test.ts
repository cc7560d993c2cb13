import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { readPlaceholders } from './readPlaceholders';

describe('readPlaceholders', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-placeholders-'));
    file = path.join(dir, 'catalog-info.yaml');
    await fs.writeFile(path.join(dir, 'README.md'), 'Orders, as placed.');
    await fs.writeFile(path.join(dir, 'tags.json'), '["sales", "orders"]');
    await fs.writeFile(path.join(dir, 'owner.yaml'), 'team: sales-data\n');
    await fs.writeFile(path.join(dir, 'two.yaml'), 'a: 1\n---\nb: 2\n');
    await fs.writeFile(path.join(dir, 'bad.json'), '{ "a": ');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads each placeholder into its file, as text or data', async () => {
    const read = await readPlaceholders(
      {
        metadata: {
          description: { $text: './README.md' },
          tags: { $json: 'tags.json' },
          links: [{ url: 'https://x.example', title: { $text: 'README.md' } }],
        },
        spec: {
          team: { $yaml: './owner.yaml' },
          definition: { $openapi: 'https://api.example/openapi.yaml' },
          schema: { $json: 'https://api.example/schema.json' },
          // Not a placeholder: more than one key, or one the catalog lacks.
          other: { $text: './README.md', title: 'kept' },
          unknown: { $file: './README.md' },
        },
      },
      file,
    );
    expect(read).toEqual({
      problems: [],
      entity: {
        metadata: {
          description: 'Orders, as placed.',
          tags: ['sales', 'orders'],
          links: [{ url: 'https://x.example', title: 'Orders, as placed.' }],
        },
        spec: {
          team: { team: 'sales-data' },
          definition: '(text read from a URL)',
          schema: {},
          other: { $text: './README.md', title: 'kept' },
          unknown: { $file: './README.md' },
        },
      },
    });
  });

  it('names each placeholder it cannot read by its field', async () => {
    const entity = {
      metadata: { description: { $text: './MISSING.md' } },
      spec: {
        ports: [{ schema: { $json: 'bad.json' } }, { schema: { $yaml: 7 } }],
        team: { $yaml: 'two.yaml' },
      },
    };
    const read = await readPlaceholders(entity, file);
    expect(read.problems).toEqual([
      {
        path: 'metadata.description',
        message: expect.stringMatching(
          /^\$text cannot read \.\/MISSING\.md beside this file: ENOENT/,
        ),
      },
      {
        path: 'spec.ports[0].schema',
        message: expect.stringMatching(/^\$json bad\.json is not valid JSON: /),
      },
      {
        path: 'spec.ports[1].schema',
        message:
          '$yaml expects a string, a path relative to this file or an absolute URL (got 7)',
      },
      {
        path: 'spec.team',
        message: '$yaml two.yaml must hold exactly one YAML document (found 2)',
      },
    ]);
  });
});
