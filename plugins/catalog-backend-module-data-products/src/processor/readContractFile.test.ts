import { ConfigReader } from '@backstage/config';
import { FetchUrlReader } from '@backstage/backend-defaults/urlReader';
import { NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import type { JsonValue } from '@backstage/types';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { writeUnreadableContracts } from '../__testUtils__/writeUnreadableContracts';
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { readContractFile } from './readContractFile';
import { fileLocationsFolder } from '@meshwork/plugin-data-products-common';
import {
  MAX_TEXT_FILE_MB,
  NotTextFileError,
} from '@meshwork/plugin-data-products-node';

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

  it('refuses a url contract that is not UTF-8 text, or too big, as a file one', async () => {
    /** Why a contract the SCM answers with `bytes` is refused. */
    const refusal = async (bytes: Buffer) => {
      const set: string[] = [];
      const error = await readContractFile(
        {
          ...readerOf([]),
          readUrl: async () =>
            ({ etag: 'v1', buffer: async () => bytes } as any),
        },
        integrations,
        {
          type: 'url',
          target: 'https://github.com/acme/mesh/blob/main/orders.yaml',
        },
        './orders.odcs.yaml',
        {
          get: async () => undefined,
          set: async key => {
            set.push(key);
          },
        },
      ).catch(e => e);
      // A NotTextFileError is what the processor names the file's port by.
      expect(error).toBeInstanceOf(NotTextFileError);
      // Nor kept, to be answered as unchanged next time.
      expect(set).toEqual([]);
      return error.message;
    };
    await expect(refusal(Buffer.from('name: café\n', 'latin1'))).resolves.toBe(
      'is not UTF-8 text',
    );
    await expect(
      refusal(Buffer.alloc((MAX_TEXT_FILE_MB + 1) * 1024 * 1024, 'a')),
    ).resolves.toBe(
      `is ${
        MAX_TEXT_FILE_MB + 1
      }.0 MB, over the ${MAX_TEXT_FILE_MB} MB a file read here may be: not read`,
    );
  });

  describe('through a real URL reader', () => {
    const huge = 4 * MAX_TEXT_FILE_MB * 1024 * 1024;
    /** Bytes of the huge contract the server has sent. */
    let sent = 0;
    const server = http.createServer(async (req, res) => {
      if (req.url === '/mesh/contracts/orders.odcs.yaml') {
        res.end('kind: DataContract\n');
        return;
      }
      if (req.url === '/mesh/contracts/latin1.yaml') {
        res.end(Buffer.from('name: café\n', 'latin1'));
        return;
      }
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let closed = false;
      let wake = () => {};
      res.on('close', () => {
        closed = true;
        wake();
      });
      res.on('drain', () => wake());
      const drained = () =>
        new Promise<void>(resolve => {
          wake = resolve;
        });
      while (!closed && sent < huge) {
        sent += chunk.length;
        // Only as fast as the reader takes it.
        if (!res.write(chunk)) await drained();
      }
      res.end();
    });
    let base = '';
    let reader: UrlReaderService;
    beforeAll(async () => {
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      const { port } = server.address() as AddressInfo;
      base = `http://127.0.0.1:${port}`;
      reader = FetchUrlReader.fromConfig(
        new ConfigReader({
          backend: { reading: { allow: [{ host: `127.0.0.1:${port}` }] } },
        }),
      );
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    });
    const read = (contract: string) =>
      readContractFile(
        reader,
        integrations,
        { type: 'url', target: `${base}/mesh/products/orders.yaml` },
        contract,
      );

    it('reads a contract', async () => {
      await expect(read('../contracts/orders.odcs.yaml')).resolves.toEqual({
        location: `${base}/mesh/contracts/orders.odcs.yaml`,
        text: 'kind: DataContract\n',
      });
      await expect(read('../contracts/latin1.yaml')).rejects.toThrow(
        'is not UTF-8 text',
      );
    });

    it('refuses a huge contract as soon as it passes the limit, without reading it whole', async () => {
      const error = await read('../contracts/huge.yaml').catch(e => e);
      expect(error).toBeInstanceOf(NotTextFileError);
      expect(error.message).toBe(
        `is over the ${MAX_TEXT_FILE_MB} MB a file read here may be: not read`,
      );
      // No more than the limit and what sockets buffer.
      expect(sent).toBeLessThan((MAX_TEXT_FILE_MB + 16) * 1024 * 1024);
    });
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
        `contract "../../secret.txt" is outside ${repo}, the git repository of this file`,
      );
      await expect(read(path.join(root, 'secret.txt'))).rejects.toThrow(
        'must be a path relative to',
      );
      await expect(read('../contracts/linked.yaml')).rejects.toThrow(
        'is outside',
      );
    });

    describe('a contract that is no UTF-8 text file', () => {
      let releaseFifo = () => {};
      beforeAll(() => {
        releaseFifo = writeUnreadableContracts(path.join(repo, 'contracts'));
      });
      afterAll(() => releaseFifo());

      it('refuses a FIFO, whose read would never end, before reading it', async () => {
        await expect(read('../contracts/pipe.yaml')).rejects.toThrow(
          'is not a regular file (a FIFO or a device, say): not read',
        );
      }, 5000);

      it('refuses bytes that are not UTF-8 rather than read U+FFFD in their place', async () => {
        await expect(read('../contracts/latin1.yaml')).rejects.toThrow(
          'is not UTF-8 text',
        );
      });
    });

    it.each([
      ['../.env', '.env'],
      ['../.git/config', '.git'],
      ['../.github/workflows/ci.yaml', '.github'],
      ['../contracts/../.env', '.env'],
      ['../contracts/env.yaml', '.env'],
    ])(
      'refuses %s, a hidden file or folder of the repository',
      async (contract, hidden) => {
        await expect(read(contract)).rejects.toThrow(
          `contract ${JSON.stringify(
            contract,
          )} is in a hidden file or folder (${hidden}), which the catalog never reads as a contract`,
        );
      },
    );

    beforeAll(() => {
      fs.writeFileSync(path.join(repo, '.env'), 'TOKEN=s3cr3t');
      fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
      fs.writeFileSync(path.join(repo, '.git', 'config'), 'url = s3cr3t');
      fs.mkdirSync(path.join(repo, '.github', 'workflows'), {
        recursive: true,
      });
      fs.writeFileSync(
        path.join(repo, '.github', 'workflows', 'ci.yaml'),
        'on: push',
      );
      fs.symlinkSync(
        path.join(repo, '.env'),
        path.join(repo, 'contracts', 'env.yaml'),
      );
    });
  });

  it.each([
    ['../.git/config', '.git'],
    ['/.env', '.env'],
    ['../%2Eenv', '.env'],
    ['https://github.com/acme/mesh/blob/main/.github/x.yaml', '.github'],
    // A bad escape must not switch decoding off: it resolves to `%2Eenv`.
    ['a%zz/../%2Eenv', '.env'],
    // Azure DevOps names the file in the query.
    [
      'https://dev.azure.com/acme/data/_git/mesh?path=/.env',
      '.env',
      'https://dev.azure.com/acme/data/_git/mesh?path=/products/orders.yaml',
    ],
    // A host whose URLs name no repository: its path, segment by segment.
    [
      'a%zz/../%2Eenv',
      '.env',
      'https://files.example/mesh/products/orders.yaml',
    ],
  ])(
    'refuses %s, a hidden file or folder of a url location, without reading it',
    async (
      contract,
      hidden,
      target = 'https://github.com/acme/mesh/blob/main/products/orders.yaml',
    ) => {
      const read: string[] = [];
      await expect(
        readContractFile(
          readerOf(read),
          integrations,
          { type: 'url', target },
          contract,
        ),
      ).rejects.toThrow(`is in a hidden file or folder (${hidden})`);
      expect(read).toEqual([]);
    },
  );

  describe('in a file location in no git repository (a copy of one)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-copy-'));
    const copy = path.join(root, 'app');
    const products = path.join(copy, 'catalog-info', 'products');
    const target = path.join(products, 'sales', 'orders.yaml');
    // As the example mesh's app-config registers them.
    const productsGlob = path.join(products, '**', '*.yaml');
    const catalogFilesFolder = fileLocationsFolder([
      path.join(copy, 'catalog-info', 'org', '*.yaml'),
      productsGlob,
    ]);
    beforeAll(() => {
      fs.mkdirSync(path.join(products, 'sales'), { recursive: true });
      fs.mkdirSync(path.join(copy, 'catalog-info', 'contracts'));
      fs.writeFileSync(
        path.join(copy, 'catalog-info', 'contracts', 'orders.yaml'),
        'mine',
      );
      fs.writeFileSync(path.join(copy, 'app-config.local.yaml'), 's3cr3t');
      fs.writeFileSync(path.join(root, 'hostname'), 'vm');
    });
    afterAll(() => fs.rmSync(root, { recursive: true }));
    const read = (
      contract: string,
      bounds?: Parameters<typeof readContractFile>[5],
    ) =>
      readContractFile(
        readerOf([]),
        integrations,
        { type: 'file', target },
        contract,
        undefined,
        bounds,
      );

    it("is bounded by the folder of the app-config's file locations", async () => {
      expect(catalogFilesFolder).toBe(path.join(copy, 'catalog-info'));
      const bounds = {
        originLocation: { type: 'file', target: productsGlob },
        catalogFilesFolder,
      };
      expect(await read('../../contracts/orders.yaml', bounds)).toEqual({
        location: path.join(copy, 'catalog-info', 'contracts', 'orders.yaml'),
        text: 'mine',
      });
      await expect(read('../../../../hostname', bounds)).rejects.toThrow(
        `contract "../../../../hostname" is outside ${catalogFilesFolder}, the folder of the app-config's file locations, which read this file (in no git repository)`,
      );
      await expect(
        read('../../../app-config.local.yaml', bounds),
      ).rejects.toThrow('is outside');
    });

    it('is bounded by the folder of its origin location, when no file location of the app-config is', async () => {
      const bounds = {
        originLocation: { type: 'file', target: productsGlob },
        catalogFilesFolder: path.join(root, 'elsewhere'),
      };
      await expect(read('../../contracts/orders.yaml', bounds)).rejects.toThrow(
        `is outside ${products}, the folder of ${productsGlob}, the location that reads this file (in no git repository)`,
      );
    });

    it('refuses every contract when no bound can be told', async () => {
      for (const bounds of [
        undefined,
        { originLocation: { type: 'url', target: 'https://x.example/a.yaml' } },
        // Not holding the product, or the filesystem's root.
        {
          originLocation: {
            type: 'file',
            target: path.join(root, 'other', '*.yaml'),
          },
        },
        { originLocation: { type: 'file', target: '/*.yaml' } },
      ]) {
        await expect(
          read('../../contracts/orders.yaml', bounds),
        ).rejects.toThrow(
          'contract "../../contracts/orders.yaml" is not read: this file is in no git repository',
        );
      }
    });
  });
});
