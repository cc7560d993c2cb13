import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { stringify as stringifyYaml } from 'yaml';
import { KNOWN_KINDS } from '../mesh/checkCatalogEntity';
import { validate as validateUnder } from './validate';
import expected from '../__fixtures__/broken/expected.json';

const repoRoot = path.resolve(__dirname, '../../../..');
const broken = path.resolve(__dirname, '../__fixtures__/broken');
const refused = path.resolve(__dirname, '../__fixtures__/refused');

/** A valid product, with its org and contract, in `dir`. */
async function writeGoodProduct(dir: string) {
  for (const file of [
    'org.yaml',
    'contracts/orders.odcs.yaml',
    'products/good.yaml',
  ]) {
    await fs.cp(path.join(broken, file), path.join(dir, file));
  }
}

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
  // repository's root: these tests give one whose catalog rules allow every
  // kind, but for the tests of those.
  let allowAll = '';
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-config-'));
    allowAll = path.join(dir, 'app-config.yaml');
    await fs.writeFile(
      allowAll,
      stringifyYaml({ catalog: { rules: [{ allow: KNOWN_KINDS }] } }),
    );
  });
  afterAll(() => fs.rm(path.dirname(allowAll), { recursive: true }));
  const validate = (
    targets: string[],
    options: Parameters<typeof validateUnder>[1],
  ) => validateUnder(targets, { config: [allowAll], ...options });

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
      message: 'must be one of 1, 2, 3 (got the number 5)',
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

  it('refuses files that are not UTF-8, and a FIFO rather than wait on it, skipping one in a folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-bytes-'));
    try {
      await writeGoodProduct(dir);
      const contract = path.join(dir, 'contracts/orders.odcs.yaml');
      await fs.appendFile(contract, Buffer.from('# Café\n', 'latin1'));
      await fs.writeFile(
        path.join(dir, 'products/notes.yaml'),
        Buffer.from('# Café\n', 'latin1'),
      );
      const fifo = path.join(dir, 'products/pipe.yaml');
      execFileSync('mkfifo', [fifo]);
      const lines = captureStdout();
      await expect(validate([dir, contract], { format: 'text' })).resolves.toBe(
        1,
      );
      const shown = (file: string) =>
        path.relative(process.cwd(), path.join(dir, file));
      expect(lines).toEqual([
        `${shown('products/notes.yaml')}: is not UTF-8 text`,
        `${shown('contracts/orders.odcs.yaml')}: is not UTF-8 text`,
        `${shown(
          'products/good.yaml',
        )} (good): spec.outputPorts[0].contract: contract file "../contracts/orders.odcs.yaml" is not UTF-8 text`,
      ]);
      // Given by name, it is said why it is not read.
      lines.length = 0;
      await expect(validate([fifo], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        `${shown(
          'products/pipe.yaml',
        )}: is not a regular file (a FIFO or a device, say): not read`,
      ]);
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
        config: [config],
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
      await expect(
        validate([dir], { format: 'text', config: [config] }),
      ).resolves.toBe(1);
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

  it("refuses products under an app-config that sets no catalog rules, as Backstage's defaults do", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-default-'));
    try {
      await writeGoodProduct(dir);
      const config = path.join(dir, 'app-config.yaml');
      await fs.writeFile(config, 'app: { title: Meshwork }\n');
      const lines = captureStdout();
      const product = path.join(dir, 'products/good.yaml');
      await expect(
        validate([product], { format: 'text', config: [config] }),
      ).resolves.toBe(1);
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          product,
        )} (good): kind: Backstage's default catalog rules (${config} sets no catalog.rules) allow kind DataProduct from no location (expected one of Component, API, Location): it refuses this file's location whole`,
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
      // A run that reads no product fails.
      await writeGoodProduct(dir);
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

  it('leaves what a placeholder naming a URL reads to the catalog, and says so', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-url-'));
    try {
      await writeGoodProduct(dir);
      const good = path.join(dir, 'products/good.yaml');
      const url = 'https://github.com/acme/repo/blob/main/orders.odcs.yaml';
      await fs.writeFile(
        good,
        (
          await fs.readFile(good, 'utf8')
        ).replace(
          'contract: ../contracts/orders.odcs.yaml',
          `contract: { $yaml: ${url} }`,
        ),
      );
      // A dataset read from a URL: its product's structure is unknown here.
      await fs.writeFile(
        path.join(dir, 'products/fetched.yaml'),
        (await fs.readFile(good, 'utf8'))
          .replace('name: good', 'name: fetched')
          .replace(
            /dataset:\n.*\n.*\n/,
            'dataset: { $json: https://example.com/dataset.json }\n',
          ),
      );
      const lines = captureStdout();
      const stderr = jest.spyOn(process.stderr, 'write');
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      expect(lines).toEqual([]);
      const shown = (name: string) =>
        path.relative(process.cwd(), path.join(dir, `products/${name}.yaml`));
      expect(stderr.mock.calls.map(([chunk]) => chunk)).toEqual([
        `meshwork: ${shown(
          'fetched',
        )} (fetched): spec.outputPorts[0].dataset: $json "https://example.com/dataset.json" is a URL, not fetched offline: not validated\n`,
        `meshwork: ${shown(
          'fetched',
        )} (fetched): spec.outputPorts[0].contract: $yaml "${url}" is a URL, not fetched offline: not validated\n`,
        `meshwork: ${shown(
          'good',
        )} (good): spec.outputPorts[0].contract: $yaml "${url}" is a URL, not fetched offline: not validated\n`,
        '1 data product valid\n',
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("follows a Location's targets as the catalog does, globs included", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-location-'));
    try {
      // A git repository: `/…` is read from its root.
      await fs.mkdir(path.join(dir, '.git'));
      await writeGoodProduct(dir);
      await fs.writeFile(
        path.join(dir, 'products/broken.yaml'),
        'apiVersion: meshwork.dev/v1alpha1\nkind: DataProduct\nmetadata: {name: broken}\nspec: {}\n',
      );
      await fs.mkdir(path.join(dir, 'team'));
      const location = path.join(dir, 'team/catalog-info.yaml');
      await fs.writeFile(
        location,
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata: {name: team}',
          'spec:',
          '  target: ../org.yaml',
          "  targets: ['/products/*.yaml', ./missing.yaml, ../products]",
        ].join('\n'),
      );
      const lines = captureStdout();
      await expect(validate([location], { format: 'text' })).resolves.toBe(1);
      const shown = path.relative(process.cwd(), location);
      expect(lines.filter(line => !line.includes('broken.yaml'))).toEqual([
        `${shown} (team): spec.targets[1]: "./missing.yaml" matches no file (expected a file or a glob, relative to this file or from its repository's root with /)`,
        `${shown} (team): spec.targets[2]: "../products" names the folder ${path.join(
          dir,
          'products',
        )}: the catalog reads files only (expected a file or a glob such as ../products/*.yaml)`,
      ]);
      expect(lines).toContain(
        `${path.relative(
          process.cwd(),
          path.join(dir, 'products/broken.yaml'),
        )} (broken): spec.domain: is required`,
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('follows each Location once, though Locations name each other', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-cycle-'));
    try {
      await writeGoodProduct(dir);
      const locationOf = (name: string, targets: string[]) =>
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          `metadata: {name: ${name}}`,
          `spec: {targets: [${targets.join(', ')}]}`,
        ].join('\n');
      await fs.writeFile(
        path.join(dir, 'a.yaml'),
        locationOf('a', ['./a.yaml', './b.yaml', './products/*.yaml']),
      );
      // Back to a, and to a again through a link to its own folder.
      await fs.writeFile(
        path.join(dir, 'b.yaml'),
        locationOf('b', ['./a.yaml', './loop/a.yaml', './org.yaml']),
      );
      await fs.symlink(dir, path.join(dir, 'loop'));
      const lines = captureStdout();
      await expect(
        validate([path.join(dir, 'a.yaml')], { format: 'text' }),
      ).resolves.toBe(1);
      // The linked copy is another location of the same entity, read once.
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          path.join(dir, 'loop/a.yaml'),
        )} (a): metadata.name: location:default/a is also defined in ${path.join(
          dir,
          'a.yaml',
        )} (document 1): the catalog would keep only one of them`,
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('fails a run that reads no product, and says why', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-empty-'));
    try {
      const lines = captureStdout();
      const stderr = jest.spyOn(process.stderr, 'write');
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        `${
          path.relative(process.cwd(), dir) || dir
        }: no DataProduct entity read, nothing validated: expected at least one here or in the files a Location here names`,
      ]);
      // A Location naming a URL: said, and why nothing was read.
      const remote = path.join(dir, 'catalog-info.yaml');
      await fs.writeFile(
        remote,
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata: {name: remote}',
          'spec: {target: https://github.com/acme/mesh/blob/main/catalog-info.yaml}',
        ].join('\n'),
      );
      lines.length = 0;
      await expect(validate([remote], { format: 'text' })).resolves.toBe(1);
      const shown = path.relative(process.cwd(), remote);
      expect(lines).toEqual([
        `${shown}: no DataProduct entity read, nothing validated: the URLs its Locations name ("https://github.com/acme/mesh/blob/main/catalog-info.yaml") are not read offline: give the paths of their files instead`,
      ]);
      const note = `meshwork: ${shown} (remote): spec.target: "https://github.com/acme/mesh/blob/main/catalog-info.yaml" is a URL, not read offline: the entities there are not validated\n`;
      expect(stderr).toHaveBeenCalledWith(note);
      // Beside a product, the URL is only a note.
      stderr.mockClear();
      lines.length = 0;
      await writeGoodProduct(dir);
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      expect(lines).toEqual([]);
      expect(stderr).toHaveBeenCalledWith(note);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('checks a contract given by name as a contract', async () => {
    const lines = captureStdout();
    const contracts = path.join(broken, 'contracts');
    await expect(
      validate([path.join(contracts, 'orders.odcs.yaml')], { format: 'text' }),
    ).resolves.toBe(0);
    expect(lines).toEqual([]);
    await expect(
      validate([path.join(contracts, 'not-a-contract.odcs.yaml')], {
        format: 'text',
      }),
    ).resolves.toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^[^ ]*not-a-contract\.odcs\.yaml: schema\[0\]\.properties\[0\]\.logicalType: must be one of the ODCS logical types/,
      ),
    ]);
    // Read by a product among the paths too, its mistakes are said once.
    lines.length = 0;
    await validate([broken, path.join(contracts, 'not-a-contract.odcs.yaml')], {
      format: 'text',
    });
    expect(lines).toHaveLength(Object.keys(expected).length);
  });

  it("reads a contract path starting with / from the repository's root", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-root-'));
    try {
      await writeGoodProduct(dir);
      const product = path.join(dir, 'products/good.yaml');
      await fs.writeFile(
        product,
        (
          await fs.readFile(product, 'utf8')
        ).replace(
          'contract: ../contracts/orders.odcs.yaml',
          'contract: /contracts/orders.odcs.yaml',
        ),
      );
      const lines = captureStdout();
      // Outside a git repository, there is no root to read it from.
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          product,
        )} (good): spec.outputPorts[0].contract: contract "/contracts/orders.odcs.yaml" is read from the root of the git repository of this file, and it is in none (expected a path relative to this file)`,
      ]);
      lines.length = 0;
      await fs.mkdir(path.join(dir, '.git'));
      await expect(validate([dir], { format: 'text' })).resolves.toBe(0);
      expect(lines).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('bounds the contracts of a copy in no git repository as the catalog does, else by the paths given', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-copy-'));
    const dir = path.join(root, 'mesh');
    try {
      await writeGoodProduct(dir);
      await fs.cp(
        path.join(dir, 'contracts/orders.odcs.yaml'),
        path.join(root, 'outside.odcs.yaml'),
      );
      const product = path.join(dir, 'products/good.yaml');
      const good = await fs.readFile(product, 'utf8');
      await fs.writeFile(
        product,
        good.replace(
          'contract: ../contracts/orders.odcs.yaml',
          'contract: ../../outside.odcs.yaml',
        ),
      );
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          product,
        )} (good): spec.outputPorts[0].contract: contract "../../outside.odcs.yaml" is outside ${dir}, the folder given on the command line (this file is in no git repository)`,
      ]);
      // Read through the app-config's file locations, within their folder,
      // though only the products' folder is given.
      await fs.writeFile(product, good);
      const config = path.join(dir, 'app-config.yaml');
      await fs.writeFile(
        config,
        stringifyYaml({
          catalog: {
            rules: [{ allow: KNOWN_KINDS }],
            locations: [
              { type: 'file', target: './org.yaml' },
              { type: 'file', target: './products/*.yaml' },
            ],
          },
        }),
      );
      const targets = [path.join(dir, 'products'), path.join(dir, 'org.yaml')];
      lines.length = 0;
      await expect(
        validate(targets, { format: 'text', config: [config] }),
      ).resolves.toBe(0);
      expect(lines).toEqual([]);
      await expect(validate(targets, { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        expect.stringContaining(
          `contract "../contracts/orders.odcs.yaml" is outside ${path.join(
            dir,
            'products',
          )}, the folder given on the command line`,
        ),
      ]);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('says a YAML mistake once, with its document', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-yaml-'));
    try {
      const file = path.join(dir, 'entities.yaml');
      await fs.writeFile(
        file,
        'kind: Group\n---\nkind: Group\nkind: Domain\nmetadata: {name: x\n',
      );
      const lines = captureStdout();
      await expect(validate([file], { format: 'text' })).resolves.toBe(1);
      const shown = path.relative(process.cwd(), file);
      expect(lines).toEqual([
        `${shown} (document 1): metadata: is required, a mapping with a name: the catalog reads every YAML document of a location as an entity`,
        `${shown} (document 2): is not valid YAML at line 4, column 1: Map keys must be unique`,
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an alias to its own ancestor, in a file or one a placeholder reads', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-cycle-'));
    try {
      await writeGoodProduct(dir);
      const cyclic = path.join(dir, 'products/cyclic.yaml');
      await fs.writeFile(
        cyclic,
        'kind: DataProduct\nmetadata:\n  name: cyc\n  annotations: &a\n    b: *a\n',
      );
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        `${path.relative(
          process.cwd(),
          cyclic,
        )} (document 1): is not usable YAML: an alias refers to a value that contains it`,
      ]);
      await fs.rm(cyclic);

      // A contract read through a placeholder.
      const contract = path.join(dir, 'contracts/orders.odcs.yaml');
      await fs.appendFile(
        contract,
        'customProperties: &c\n  - property: x\n    value: *c\n',
      );
      const product = path.join(dir, 'products/good.yaml');
      await fs.writeFile(
        product,
        (
          await fs.readFile(product, 'utf8')
        ).replace(
          'contract: ../contracts/orders.odcs.yaml',
          'contract: { $yaml: ../contracts/orders.odcs.yaml }',
        ),
      );
      lines.length = 0;
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(
          /good\.yaml \(good\): spec\.outputPorts\[0\]\.contract: \$yaml \.\.\/contracts\/orders\.odcs\.yaml is not usable YAML: an alias refers to a value that contains it$/,
        ),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('prints each error on one line, whatever its file is named', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-name-'));
    try {
      await fs.writeFile(
        path.join(dir, 'x\n::error::y\u001b.yaml'),
        'kind: [\n',
      );
      const lines = captureStdout();
      await expect(validate([dir], { format: 'text' })).resolves.toBe(1);
      expect(lines).toEqual([
        expect.stringContaining(
          'x\\n::error::y\\u001b.yaml (document 1): is not valid YAML',
        ),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  describe("under an app-config's file locations", () => {
    let dir = '';
    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-locations-'));
      await writeGoodProduct(dir);
    });
    afterEach(() => fs.rm(dir, { recursive: true, force: true }));
    /**
     * An app-config in a folder of its own beside the files, reading
     * `targets` as file locations.
     */
    const configReading = async (targets: string[]) => {
      const config = path.join(dir, 'config/app-config.yaml');
      await fs.mkdir(path.dirname(config));
      await fs.writeFile(
        config,
        stringifyYaml({
          catalog: {
            rules: [{ allow: KNOWN_KINDS }],
            locations: targets.map(target => ({ type: 'file', target })),
          },
        }),
      );
      return config;
    };
    const shown = (file: string) =>
      path.relative(process.cwd(), path.join(dir, file));

    it('refuses a contract the catalog would read as an entity, and a file it would never read', async () => {
      // The contract saved beside its product, where the products' glob reads it.
      await fs.rename(
        path.join(dir, 'contracts/orders.odcs.yaml'),
        path.join(dir, 'products/orders.odcs.yaml'),
      );
      const good = path.join(dir, 'products/good.yaml');
      await fs.writeFile(
        good,
        (
          await fs.readFile(good, 'utf8')
        ).replace(
          'contract: ../contracts/orders.odcs.yaml',
          'contract: ./orders.odcs.yaml',
        ),
      );
      await fs.writeFile(
        path.join(dir, 'products/extra.yml'),
        'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: extra }\nspec: { owner: group:sales-data }\n',
      );
      const config = await configReading([
        '../org.yaml',
        '../products/**/*.yaml',
      ]);
      const read = [path.join(dir, 'org.yaml'), path.join(dir, 'products')];
      const lines = captureStdout();
      await expect(
        validateUnder(read, { format: 'text', config: [config] }),
      ).resolves.toBe(1);
      expect(lines).toEqual([
        `${shown(
          'products/orders.odcs.yaml',
        )}: the catalog location "../products/**/*.yaml" (catalog.locations[1] in ${config}) reads this contract as an entity and refuses it (<root> must have required property 'metadata'), failing every entity of that location: keep contracts where no file location reads them`,
        `${shown(
          'products/extra.yml',
        )}: the catalog never registers this file: no file location of its app-config ("../org.yaml", "../products/**/*.yaml") reads it, nor a Location they read: name it .yaml, as they read`,
      ]);
      // Without file locations, as before: nothing tells what is read.
      await expect(validate(read, { format: 'text' })).resolves.toBe(0);
    });

    it("follows a Location read through a file location as the catalog's file reader does", async () => {
      await fs.mkdir(path.join(dir, 'team/sub'), { recursive: true });
      await fs.rename(
        path.join(dir, 'products/good.yaml'),
        path.join(dir, 'team/sub/good.yaml'),
      );
      const good = path.join(dir, 'team/sub/good.yaml');
      await fs.writeFile(
        good,
        (
          await fs.readFile(good, 'utf8')
        ).replace(
          'contract: ../contracts/orders.odcs.yaml',
          'contract: ../../contracts/orders.odcs.yaml',
        ),
      );
      await fs.writeFile(
        path.join(dir, 'team/catalog-info.yaml'),
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata: { name: team }',
          "spec: { targets: [sub/good.yaml, '/sub/*.yaml', ./sub/good.yaml] }",
        ].join('\n'),
      );
      const config = await configReading(['../org.yaml', '../team/*.yaml']);
      const lines = captureStdout();
      await expect(
        validateUnder([path.join(dir, 'org.yaml'), path.join(dir, 'team')], {
          format: 'text',
          config: [config],
        }),
      ).resolves.toBe(1);
      const location = `${shown('team/catalog-info.yaml')} (team)`;
      expect(lines).toEqual([
        `${location}: spec.targets[0]: "sub/good.yaml" matches no file: read through a file location, the catalog reads it from the backend's folder ${path.join(
          dir,
          'config',
        )}, beside this file only when it starts with . (write ./sub/good.yaml)`,
        `${location}: spec.targets[1]: "/sub/*.yaml" matches no file: read through a file location, the catalog reads it from the root of the filesystem, beside this file only when it starts with . (write ./sub/*.yaml)`,
      ]);
    });
  });

  it('cannot run on a path that is not there: exit 2, naming it', async () => {
    const missing = path.join(os.tmpdir(), 'meshwork-missing', '*.yaml');
    await expect(validate([missing], { format: 'text' })).rejects.toThrow(
      `${missing} does not exist: expected YAML files or folders (a glob the shell passes as written matched nothing)`,
    );
  });
});
