import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';

const bin = path.resolve(__dirname, '../bin/meshwork');
const fixtures = path.resolve(__dirname, '__fixtures__/governance');

/** `meshwork …args` run as CI runs it: its exit code and stderr. */
const meshwork = (...args: string[]) =>
  new Promise<{ code: number | null; stderr: string }>(resolve => {
    execFile(process.execPath, [bin, ...args], (error, _stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });

// Each run loads the CLI from its TypeScript sources: seconds, not ms.
jest.setTimeout(60_000);

describe('meshwork', () => {
  it('exits 2 on a usage mistake, saying what it is, and 0 for help', async () => {
    const [noPaths, badFormat, unknownOption, unknownCommand, help, checkHelp] =
      await Promise.all([
        meshwork('check'),
        meshwork('check', fixtures, '--format', 'xml'),
        meshwork('validate', fixtures, '--formt', 'json'),
        meshwork('chekc', fixtures),
        meshwork('--help'),
        meshwork('check', '--help'),
      ]);
    expect(noPaths).toEqual({
      code: 2,
      stderr: "error: missing required argument 'paths'\n",
    });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("argument 'xml' is invalid");
    expect(unknownOption).toEqual({
      code: 2,
      stderr: "error: unknown option '--formt'\n(Did you mean --format?)\n",
    });
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("unknown command 'chekc'");
    expect(help.code).toBe(0);
    expect(checkHelp.code).toBe(0);
  });

  it('reads each --config given, not only the last', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-cli-'));
    try {
      // The product, of a domain with no policy of its own, has no
      // runbook: a warning, but for the first file's policy.
      const policies = path.join(dir, 'policies.yaml');
      await fs.writeFile(
        policies,
        'governance:\n  policies: [{ name: strict, checks: [{ id: runbook-present, severity: error }] }]\n',
      );
      const rules = path.join(dir, 'rules.yaml');
      await fs.writeFile(
        rules,
        'catalog:\n  rules: [{ allow: [Group, Domain, DataProduct] }]\n',
      );
      const product = path.join(fixtures, 'products/unsettled-payments.yaml');
      const org = path.join(fixtures, 'org.yaml');
      const { code } = await meshwork(
        'check',
        org,
        product,
        '--config',
        policies,
        '--config',
        rules,
      );
      expect(code).toBe(1);
    } finally {
      await fs.rm(dir, { recursive: true });
    }
  });
});
