import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { readAppConfig } from './readAppConfig';

describe('readAppConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-app-config-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  /** Writes `text` to `name` in the temporary folder; returns its path. */
  const write = async (name: string, text: string | Buffer) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, text);
    return file;
  };

  it('merges the files in order, as the backend does: a later value wins, a list whole, null unsets', async () => {
    const base = await write(
      'base.yaml',
      [
        'governance:',
        '  policies: [{ name: strict, checks: [description-present] }]',
        '  schedule: { frequency: { seconds: 30 } }',
        'catalog:',
        '  rules: [{ allow: [Component] }, { allow: [Group] }]',
        '  processingInterval: { seconds: 5 }',
      ].join('\n'),
    );
    const production = await write(
      'production.yaml',
      [
        'governance:',
        '  schedule: null',
        'catalog:',
        '  rules: [{ allow: [DataProduct] }]',
        '  processingInterval: { minutes: 2 }',
      ].join('\n'),
    );
    const config = (await readAppConfig([base, production]))!;
    expect(config.files).toEqual([base, production]);
    expect(config.read('governance.policies')).toEqual({
      value: [{ name: 'strict', checks: ['description-present'] }],
      file: base,
    });
    expect(config.read('catalog.rules')).toEqual({
      value: [{ allow: ['DataProduct'] }],
      file: production,
    });
    expect(config.read('catalog.processingInterval')).toEqual({
      value: { seconds: 5, minutes: 2 },
      file: production,
    });
    expect(config.read('governance.schedule').value).toBe(undefined);
  });

  it('applies $include, $env and ${VAR} as the backend does', async () => {
    process.env.MESHWORK_TEST_KIND = 'DataProduct';
    try {
      await write('policies.yaml', '- { name: included, checks: [] }\n');
      const config = (await readAppConfig([
        await write(
          'app-config.yaml',
          [
            'governance:',
            '  policies: { $include: ./policies.yaml }',
            'catalog:',
            '  rules:',
            '    - allow: [Group, "${MESHWORK_TEST_KIND}", { $env: MESHWORK_TEST_KIND }]',
          ].join('\n'),
        ),
      ]))!;
      expect(config.read('governance.policies').value).toEqual([
        { name: 'included', checks: [] },
      ]);
      expect(config.read('catalog.rules').value).toEqual([
        { allow: ['Group', 'DataProduct', 'DataProduct'] },
      ]);
    } finally {
      delete process.env.MESHWORK_TEST_KIND;
    }
  });

  it('stops on a variable that is not set only where it reads it, naming the file, field and variable', async () => {
    const base = await write(
      'rules.yaml',
      [
        'catalog:',
        '  rules:',
        '    - allow: [Group]',
        '      locations: [{ type: file, pattern: "${MESHWORK_TEST_UNSET}/org/*.yaml" }]',
      ].join('\n'),
    );
    const production = await write(
      'secrets.yaml',
      'backend:\n  database:\n    connection: { password: "${MESHWORK_TEST_UNSET}" }\n',
    );
    const config = (await readAppConfig([base, production]))!;
    expect(config.read('backend.baseUrl').value).toBe(undefined);
    expect(() => config.read('catalog.rules')).toThrow(
      `--config ${base}: catalog.rules[0].locations[0].pattern: environment variable MESHWORK_TEST_UNSET is not set (the backend would not start)`,
    );
  });

  it('names the file it cannot read', async () => {
    const good = await write('good.yaml', 'app: { title: Meshwork }\n');
    const latin1 = await write(
      'latin1.yaml',
      Buffer.from('app: { title: Café }\n', 'latin1'),
    );
    await expect(readAppConfig([good, latin1])).rejects.toThrow(
      `--config ${latin1}: is not UTF-8 text`,
    );
    const including = await write(
      'including.yaml',
      'catalog: { rules: { $include: ./missing.yaml } }\n',
    );
    await expect(readAppConfig([good, including])).rejects.toThrow(
      new RegExp(`^--config ${including}: .*missing\\.yaml`),
    );
  });
});
