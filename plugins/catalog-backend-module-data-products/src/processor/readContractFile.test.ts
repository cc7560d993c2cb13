import { ConfigReader } from '@backstage/config';
import { NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import type { JsonValue } from '@backstage/types';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readContractFile } from './readContractFile';

/** A reader that answers any URL with a contract, and says which it read. */
function readerOf(read: string[]): UrlReaderService {
  return {
    readUrl: async (url: string) => {
      read.push(url);
      return { buffer: async () => Buffer.from('kind: DataContract') } as any;
    },
    readTree: async () => {
      throw new Error('not used');
    },
    search: async () => {
      throw new Error('not used');
    },
  };
}

describe('readContractFile', () => {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        azure: [{ host: 'dev.azure.com' }],
        bitbucketServer: [{ host: 'bitbucket.example' }],
      },
    }),
  );

  it.each([
    [
      'Azure DevOps, whose file is in ?path=',
      'https://dev.azure.com/acme/data/_git/mesh?path=/products/orders.yaml',
      './contracts/orders.odcs.yaml',
      'https://dev.azure.com/acme/data/_git/mesh?path=%2Fproducts%2Fcontracts%2Forders.odcs.yaml',
    ],
    [
      'Bitbucket Server, keeping the branch',
      'https://bitbucket.example/projects/D/repos/mesh/browse/products/orders.yaml?at=refs%2Fheads%2Ffeature',
      '../contracts/orders.odcs.yaml',
      'https://bitbucket.example/projects/D/repos/mesh/browse/contracts/orders.odcs.yaml?at=refs%2Fheads%2Ffeature',
    ],
    [
      "GitHub, from the repository's root",
      'https://github.com/acme/mesh/blob/main/products/orders.yaml',
      '/contracts/orders.odcs.yaml',
      'https://github.com/acme/mesh/tree/main/contracts/orders.odcs.yaml',
    ],
  ])(
    'reads a contract beside its entity on %s',
    async (_name, target, contract, expected) => {
      const read: string[] = [];
      const file = await readContractFile(
        readerOf(read),
        integrations,
        { type: 'url', target },
        contract,
      );
      expect(read).toEqual([expected]);
      expect(file).toEqual({ location: expected, text: 'kind: DataContract' });
    },
  );

  it('reads a contract again only when it changed', async () => {
    const asked: Array<string | undefined> = [];
    let version = 1;
    const reader = {
      ...readerOf([]),
      readUrl: async (_url: string, options?: { etag?: string }) => {
        asked.push(options?.etag);
        if (options?.etag === `v${version}`) {
          throw new NotModifiedError('unchanged');
        }
        return {
          etag: `v${version}`,
          buffer: async () => Buffer.from(`version: ${version}`),
        } as any;
      },
    };
    // The catalog keeps what a processing run sets, for the next run.
    let stored = new Map<string, JsonValue>();
    const read = async () => {
      const next = new Map<string, JsonValue>();
      const cache: CatalogProcessorCache = {
        get: async <T extends JsonValue>(key: string) =>
          stored.get(key) as T | undefined,
        set: async (key, value) => {
          next.set(key, value);
        },
      };
      const { text } = await readContractFile(
        reader,
        integrations,
        {
          type: 'url',
          target: 'https://github.com/acme/mesh/blob/main/orders.yaml',
        },
        './orders.odcs.yaml',
        cache,
      );
      stored = next;
      return text;
    };
    expect(await read()).toBe('version: 1');
    expect(await read()).toBe('version: 1');
    expect(await read()).toBe('version: 1');
    version = 2;
    expect(await read()).toBe('version: 2');
    expect(asked).toEqual([undefined, 'v1', 'v1', 'v1']);
  });

  it.each([
    [
      'another repository',
      'https://github.com/acme/private-infra/blob/main/token.txt',
      'is outside the repository of',
    ],
    [
      'another host',
      'https://gitlab.example/acme/mesh/-/blob/main/orders.odcs.yaml',
      'is outside the repository of',
    ],
    [
      'a repository above this one',
      '../../../other/blob/main/orders.odcs.yaml',
      'is outside the repository of',
    ],
  ])(
    'refuses a contract in %s, which the integration could read',
    async (_name, contract, message) => {
      const read: string[] = [];
      await expect(
        readContractFile(
          readerOf(read),
          integrations,
          {
            type: 'url',
            target:
              'https://github.com/acme/mesh/blob/main/products/orders.yaml',
          },
          contract,
        ),
      ).rejects.toThrow(message);
      expect(read).toEqual([]);
    },
  );

  it('reads a contract beside its entity on a host that names no repository, and only there', async () => {
    const read: string[] = [];
    const location = {
      type: 'url',
      target: 'https://files.example/mesh/products/orders.yaml',
    };
    const file = await readContractFile(
      readerOf(read),
      integrations,
      location,
      '../contracts/orders.odcs.yaml',
    );
    expect(file.location).toBe(
      'https://files.example/mesh/contracts/orders.odcs.yaml',
    );
    await expect(
      readContractFile(
        readerOf(read),
        integrations,
        location,
        'https://other.example/mesh/orders.odcs.yaml',
      ),
    ).rejects.toThrow('is outside the repository of');
    expect(read).toEqual([
      'https://files.example/mesh/contracts/orders.odcs.yaml',
    ]);
  });

  describe('in a file location', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-repo-'));
    const repo = path.join(root, 'mesh');
    const target = path.join(repo, 'products', 'orders.yaml');
    beforeAll(() => {
      fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
      fs.mkdirSync(path.join(repo, 'contracts'));
      fs.mkdirSync(path.join(repo, 'products'));
      fs.writeFileSync(path.join(repo, 'contracts', 'orders.yaml'), 'mine');
      fs.writeFileSync(path.join(root, 'secret.txt'), 'not mine');
      fs.symlinkSync(
        path.join(root, 'secret.txt'),
        path.join(repo, 'contracts', 'linked.yaml'),
      );
    });
    afterAll(() => fs.rmSync(root, { recursive: true }));
    const read = (contract: string) =>
      readContractFile(
        readerOf([]),
        integrations,
        { type: 'file', target },
        contract,
      );

    it('reads a contract of the same repository', async () => {
      expect(await read('../contracts/orders.yaml')).toEqual({
        location: path.join(repo, 'contracts', 'orders.yaml'),
        text: 'mine',
      });
    });

    it('refuses one outside the repository, or an absolute path', async () => {
      await expect(read('../../secret.txt')).rejects.toThrow(
        `contract ../../secret.txt is outside ${repo}, the repository of ${target}`,
      );
      await expect(read(path.join(root, 'secret.txt'))).rejects.toThrow(
        'must be a path relative to',
      );
      await expect(read('../contracts/linked.yaml')).rejects.toThrow(
        'is outside',
      );
    });
  });
});
