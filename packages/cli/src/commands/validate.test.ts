import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { validate as validateUnder } from './validate';
import expected from '../__fixtures__/broken/expected.json';

const repoRoot = path.resolve(__dirname, '../../../..');
const broken = path.resolve(__dirname, '../__fixtures__/broken');
const refused = path.resolve(__dirname, '../__fixtures__/refused');

function captureStdout() {
  const lines: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return lines;
}

describe('meshwork validate', () => {
  afterEach(() => jest.restoreAllMocks());

  // Validate reads ./app-config.yaml when there is one, as from the
  // repository's root: these tests give one with no catalog rules, but for
  // the test of those.
  let noRules = '';
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-config-'));
    noRules = path.join(dir, 'app-config.yaml');
    await fs.writeFile(noRules, '{}\n');
  });
  afterAll(() => fs.rm(path.dirname(noRules), { recursive: true }));
  const validate = (
    targets: string[],
    options: Parameters<typeof validateUnder>[1],
  ) => validateUnder(targets, { config: noRules, ...options });

  it('accepts the example mesh', async () => {
    const lines = captureStdout();
    await expect(
      validate([path.join(repoRoot, 'catalog-info')], { format: 'text' }),
    ).resolves.toBe(0);
    expect(lines).toEqual([]);
  });

  it('prints exactly one precise line per mistake and exits 1', async () => {
    const lines = captureStdout();
    await expect(validate([broken], { format: 'text' })).resolves.toBe(1);
    const cases = Object.entries(expected as Record<string, string>);
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(lines).toHaveLength(cases.length);
    for (const [name, fragment] of cases) {
      const matching = lines.filter(line => line.includes(fragment));
      expect({ name, matching: matching.length }).toEqual({
        name,
        matching: 1,
      });
    }
    for (const line of lines) {
      // The file, and which of its products the mistake is in.
      expect(line).toMatch(/^[^:]+\.ya?ml \([\w-]+\): spec\.[\w.[\]]+: \S/);
    }
    expect(lines.join('\n')).not.toContain('good.yaml');
  });

  it('reports what the catalog refuses before reading a product, by file', async () => {
    const lines = captureStdout();
    await expect(validate([refused], { format: 'text' })).resolves.toBe(1);
    // The file that has the mistake as the command line named it; another
    // one in the message as found.
    const shown = (file: string) =>
      path.relative(process.cwd(), path.join(refused, file));
    expect(lines.sort()).toEqual(
      [
        `${shown(
          'bad-tag.yaml',
        )} (bad-tag): "tags.0" is not valid; expected a string that is sequences of [a-z0-9+#] separated by [-], at most 63 characters in total but found "PII".`,
        `${shown(
          'list.yaml',
        )} (document 1): expected an entity, a YAML mapping with apiVersion, kind and metadata (got a list)`,
        `${shown(
          'misspelt-kind.yaml',
        )} (misspelt-kind): kind: must be "DataProduct" (got "Dataproduct")`,
        `${shown(
          'unknown-api-version.yaml',
        )} (unknown-api-version): apiVersion: must be "meshwork.dev/v1alpha1" (got "meshwork.dev/v1")`,
        `${shown(
          'number-name.yaml',
        )} (document 1): "metadata.name" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found "2024".`,
        `${shown(
          'orders.yaml',
        )} (orders): metadata.name: dataproduct:default/orders is also defined in ${path.join(
          refused,
          'orders-copy.yaml',
        )} (document 1): the catalog would keep only one of them`,
        `${shown('root-field.yaml')} (root-field): Unknown field slos`,
        `${shown(
          'group-without-children.yaml',
        )} (group-without-children): /spec must have required property 'children' - missingProperty: children`,
        `${shown(
          'group-unknown-version.yaml',
        )} (group-unknown-version): apiVersion: no catalog processor reads kind Group at "backstage.io/v1beta2" (expected backstage.io/v1alpha1 or backstage.io/v1beta1)`,
        `${shown(
          'unresolved-alias.yaml',
        )} (document 1): is not valid YAML: Unresolved alias (the anchor must be set before the alias): team`,
        `${shown(
          'not-entities.yaml',
        )} (document 1): metadata: is required, a mapping with a name: the catalog reads every YAML document of a location as an entity`,
        `${shown(
          'not-entities.yaml',
        )} (orders-loader): kind: no catalog processor reads kind "Deployment" (expected one of Component, System, API, Resource, Location, Domain, Group, User, DataProduct)`,
      ].sort(),
    );
  });

  it('prints JSON with --format json', async () => {
    const lines = captureStdout();
    await validate([broken], { format: 'json' });
    const report = JSON.parse(lines.join('\n'));
    expect(report.valid).toBe(false);
    expect(report.errors).toContainEqual({
      file: expect.stringMatching(/products\/bad-tier\.yaml$/),
      entity: 'bad-tier',
      path: 'spec.tier',
      message: 'must be one of 1, 2, 3 (got 5)',
    });
  });

  it('follows a linked folder once, and reports a broken link with the rest', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-links-'));
    try {
      await fs.symlink(refused, path.join(dir, 'linked'));
      await fs.symlink(dir, path.join(dir, 'loop'));
      await fs.symlink(
        path.join(dir, 'nowhere.yaml'),
        path.join(dir, 'gone.yaml'),
      );
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      const shown = (file: string) =>
        path.relative(process.cwd(), path.join(dir, file));
      expect(lines).toContain(
        `${shown('linked/root-field.yaml')} (root-field): Unknown field slos`,
      );
      expect(
        lines.filter(line => line.includes('root-field.yaml')),
      ).toHaveLength(1);
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${shown('gone.yaml')}: cannot read: ENOENT`),
        ),
      );
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  });

  it("skips hidden folders, as a catalog location's glob does", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-repo-'));
    try {
      await fs.cp(path.join(repoRoot, 'catalog-info'), dir, {
        recursive: true,
      });
      // A GitHub repository's workflow: YAML, but no catalog entity.
      await fs.mkdir(path.join(dir, '.github', 'workflows'), {
        recursive: true,
      });
      await fs.writeFile(
        path.join(dir, '.github', 'workflows', 'ci.yml'),
        'name: ci\non: [pull_request]\njobs: {}\n',
      );
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      expect(lines).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  });

  it("refuses the kinds the platform's catalog rules allow only elsewhere", async () => {
    const config = path.join(repoRoot, 'app-config.yaml');
    const lines = captureStdout();
    // The org's own files, where the rules allow groups and domains.
    await expect(
      validate([path.join(repoRoot, 'catalog-info')], {
        format: 'text',
        config,
      }),
    ).resolves.toBe(0);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-team-'));
    try {
      // A domain team's repository holding a Domain of its own.
      await fs.writeFile(
        path.join(dir, 'catalog-info.yaml'),
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Domain',
          'metadata: { name: team-x }',
          'spec: { owner: user:default/mallory }',
        ].join('\n'),
      );
      await expect(validate([dir], { format: 'text', config })).resolves.toBe(
        1,
      );
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          path.join(dir, 'catalog-info.yaml'),
        )} (team-x): kind: the catalog's rules (catalog.rules) allow kind Domain only from "**/catalog-info/org/*.yaml": it refuses this file's location whole`,
      ]);
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  });

  it('reads each file once, though the paths given overlap', async () => {
    const lines = captureStdout();
    await expect(
      validate([refused, path.join(refused, 'orders.yaml'), refused], {
        format: 'text',
      }),
    ).resolves.toBe(1);
    expect(lines.filter(line => line.includes('is also defined'))).toHaveLength(
      1,
    );
    expect(lines).toHaveLength(12);
  });

  it("checks Backstage's own kinds as the catalog does, with their placeholders read", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-api-'));
    try {
      const api = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'API',
        metadata: { name: 'orders-api' },
        spec: {
          type: 'openapi',
          lifecycle: 'production',
          owner: 'group:checkout-data',
          definition: { $text: './openapi.json' },
        },
      };
      await fs.writeFile(path.join(dir, 'api.yaml'), JSON.stringify(api));
      // Not .yaml, which validate would read as an entity.
      await fs.writeFile(path.join(dir, 'openapi.json'), '{"openapi":"3.0.0"}');
      await fs.writeFile(path.join(dir, 'README.md'), 'Orders, as placed.');
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      expect(lines).toEqual([]);
      // A description read from a file is text too; a definition read as
      // YAML data is not the text the API kind requires.
      await fs.writeFile(
        path.join(dir, 'api.yaml'),
        JSON.stringify({
          ...api,
          metadata: { ...api.metadata, description: { $text: './README.md' } },
        }),
      );
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      await fs.writeFile(
        path.join(dir, 'api.yaml'),
        JSON.stringify({
          ...api,
          spec: { ...api.spec, definition: { $yaml: './openapi.json' } },
        }),
      );
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines.join('\n')).toContain('/spec/definition must be string');
      lines.length = 0;
      await fs.writeFile(path.join(dir, 'api.yaml'), JSON.stringify(api));
      // Without its definition, the catalog's API validator refuses it.
      delete (api.spec as Partial<typeof api.spec>).definition;
      await fs.writeFile(path.join(dir, 'api.yaml'), JSON.stringify(api));
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines.join('\n')).toContain(
        "(orders-api): /spec must have required property 'definition'",
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('reads placeholders beside their file, as the catalog reads them, and names one it cannot read', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-text-'));
    try {
      await fs.cp(path.join(broken, 'org.yaml'), path.join(dir, 'org.yaml'));
      await fs.cp(
        path.join(broken, 'contracts/orders.odcs.yaml'),
        path.join(dir, 'contracts/orders.odcs.yaml'),
      );
      const product = (
        await fs.readFile(path.join(broken, 'products/good.yaml'), 'utf8')
      ).replace(
        '  name: good\n',
        '  name: good\n  description:\n    $text: ../README.md\n',
      );
      expect(product).toContain('$text');
      await fs.mkdir(path.join(dir, 'products'));
      await fs.writeFile(path.join(dir, 'products/good.yaml'), product);
      await fs.writeFile(path.join(dir, 'README.md'), 'Orders, as placed.');
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      expect(lines).toEqual([]);
      await fs.rm(path.join(dir, 'README.md'));
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(
          /good\.yaml \(good\): metadata\.description: \$text cannot read \.\.\/README\.md beside this file: ENOENT/,
        ),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('names a path that does not exist', async () => {
    const lines = captureStdout();
    await expect(
      validate([path.join(broken, 'nope')], { format: 'text' }),
    ).resolves.toBe(1);
    expect(lines[0]).toMatch(/nope: cannot read: ENOENT/);
  });
});
