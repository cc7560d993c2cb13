import path from 'path';
import { validate } from './validate';
import expected from '../__fixtures__/broken/expected.json';

const repoRoot = path.resolve(__dirname, '../../../..');
const broken = path.resolve(__dirname, '../__fixtures__/broken');

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

  it('names a path that does not exist', async () => {
    const lines = captureStdout();
    await expect(
      validate([path.join(broken, 'nope')], { format: 'text' }),
    ).resolves.toBe(1);
    expect(lines[0]).toMatch(/nope: cannot read: ENOENT/);
  });
});
