import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { readPlaceholders } from './readPlaceholders';

describe('readPlaceholders', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-placeholders-'));
    // A git repository, whose entity file is in a folder of its own.
    await fs.mkdir(path.join(dir, '.git'));
    await fs.mkdir(path.join(dir, 'products'));
    await fs.writeFile(path.join(dir, 'products/NOTES.md'), 'Beside it.');
    file = path.join(dir, 'products/catalog-info.yaml');
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
          description: { $text: '../README.md' },
          tags: { $json: '/tags.json' },
          links: [{ url: 'https://x.example', title: { $text: 'NOTES.md' } }],
        },
        spec: {
          team: { $yaml: './../owner.yaml' },
          definition: { $text: 'https://api.example/openapi.yaml' },
          schema: { $json: 'https://api.example/schema.json' },
          // Left whole: more than one key, or one the catalog lacks (it has
          // no OpenAPI module).
          other: { $text: './MISSING.md', title: { $text: './MISSING.md' } },
          unknown: { $file: './MISSING.md' },
          openapi: { $openapi: './MISSING.yaml' },
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
          links: [{ url: 'https://x.example', title: 'Beside it.' }],
        },
        spec: {
          team: { team: 'sales-data' },
          definition: '(text read from a URL)',
          schema: {},
          other: { $text: './MISSING.md', title: { $text: './MISSING.md' } },
          unknown: { $file: './MISSING.md' },
          openapi: { $openapi: './MISSING.yaml' },
        },
      },
      unread: [
        {
          path: 'spec.definition',
          placeholder: '$text',
          target: 'https://api.example/openapi.yaml',
        },
        {
          path: 'spec.schema',
          placeholder: '$json',
          target: 'https://api.example/schema.json',
        },
      ],
    });
  });

  it('reads no path from a repository root outside any repository', async () => {
    const bare = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-no-git-'));
    try {
      const read = await readPlaceholders(
        { metadata: { description: { $text: '/README.md' } } },
        path.join(bare, 'catalog-info.yaml'),
      );
      expect(read.problems).toEqual([
        {
          path: 'metadata.description',
          message:
            "$text /README.md is read from the root of the entity's git repository, and this file is in none",
        },
      ]);
    } finally {
      await fs.rm(bare, { recursive: true, force: true });
    }
  });

  it('names each placeholder it cannot read by its field', async () => {
    const entity = {
      metadata: { description: { $text: './MISSING.md' } },
      spec: {
        ports: [{ schema: { $json: '/bad.json' } }, { schema: { $yaml: 7 } }],
        team: { $yaml: '../two.yaml' },
        outside: { $text: '../../elsewhere.md' },
      },
    };
    const read = await readPlaceholders(entity, file);
    expect(read.unread).toEqual([]);
    expect(read.problems).toEqual([
      {
        path: 'metadata.description',
        message: expect.stringMatching(
          /^\$text cannot read \.\/MISSING\.md beside this file: ENOENT/,
        ),
      },
      {
        path: 'spec.ports[0].schema',
        message: expect.stringMatching(
          /^\$json \/bad\.json is not valid JSON: /,
        ),
      },
      {
        path: 'spec.ports[1].schema',
        message:
          '$yaml expects a string, a path relative to this file or an absolute URL (got 7)',
      },
      {
        path: 'spec.team',
        message:
          '$yaml ../two.yaml must hold exactly one YAML document (found 2)',
      },
      {
        path: 'spec.outside',
        message: `$text ../../elsewhere.md is outside ${dir}, the git repository of this file`,
      },
    ]);
  });

  it('refuses a JSON file with a byte-order mark, as the catalog does', async () => {
    await fs.writeFile(path.join(dir, 'bom.json'), '\uFEFF["sales"]');
    const read = await readPlaceholders(
      { metadata: { tags: { $json: '../bom.json' } } },
      file,
    );
    expect(read.problems).toEqual([
      {
        path: 'metadata.tags',
        message:
          "$json ../bom.json starts with a UTF-8 byte-order mark, which the catalog's JSON reader refuses: save it without one",
      },
    ]);
  });

  it('refuses a placeholder standing for all the annotations, which the catalog adds its own to', async () => {
    await fs.writeFile(
      path.join(dir, 'annotations.json'),
      '{ "meshwork.dev/reviewed-on": "2024-01-01" }',
    );
    const read = await readPlaceholders(
      { metadata: { annotations: { $json: '../annotations.json' } } },
      file,
    );
    expect(read.problems).toEqual([
      {
        path: 'metadata.annotations',
        message: expect.stringMatching(
          /^\$json cannot stand for all the annotations: the catalog adds its location annotations/,
        ),
      },
    ]);
  });

  it('refuses every placeholder naming a path in a file a file location reads, as the catalog does', async () => {
    const read = await readPlaceholders(
      {
        metadata: { description: { $text: '../README.md' } },
        spec: {
          outputPorts: [
            { contract: { $yaml: '../contracts/orders.odcs.yaml' } },
            { contract: { $json: '/contracts/orders.odcs.json' } },
            { contract: { $yaml: 'https://git.example/orders.odcs.yaml' } },
          ],
        },
      },
      file,
      { readAsFile: true },
    );
    // The catalog forms no URL from a file path and a relative one.
    const refused = (key: string, target: string) =>
      `${key} ${target} cannot be read: a file location of the app-config reads this file, and the catalog resolves a placeholder's path only against a URL, so it refuses the entity (could not form a URL out of this file's path and ${target})`;
    expect(read.problems).toEqual([
      {
        path: 'metadata.description',
        message: `${refused(
          '$text',
          '../README.md',
        )}: write its value in this file, or name a URL`,
      },
      {
        path: 'spec.outputPorts[0].contract',
        message: `${refused(
          '$yaml',
          '../contracts/orders.odcs.yaml',
        )}: give the contract's path instead (contract: ../contracts/orders.odcs.yaml), which the catalog reads beside this file, or name a URL`,
      },
      {
        path: 'spec.outputPorts[1].contract',
        message: `${refused(
          '$json',
          '/contracts/orders.odcs.json',
        )}: give the contract's path instead (contract: ../contracts/orders.odcs.json), which the catalog reads beside this file, or name a URL`,
      },
    ]);
    // A URL it fetches.
    expect(read.unread).toEqual([
      {
        path: 'spec.outputPorts[2].contract',
        placeholder: '$yaml',
        target: 'https://git.example/orders.odcs.yaml',
      },
    ]);
  });
});
