import fs from 'fs';
import os from 'os';
import path from 'path';
import { readLocalContractFile } from './readLocalContractFile';

describe('readLocalContractFile', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwork-contract-'));
  const repo = path.join(root, 'repo');
  const copy = path.join(root, 'copy');
  beforeAll(() => {
    for (const dir of [repo, copy]) {
      fs.mkdirSync(path.join(dir, 'catalog-info', 'products'), {
        recursive: true,
      });
      fs.mkdirSync(path.join(dir, 'catalog-info', 'contracts'));
      fs.writeFileSync(
        path.join(dir, 'catalog-info', 'contracts', 'orders.yaml'),
        'mine',
      );
      fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=s3cr3t');
      fs.mkdirSync(path.join(dir, '.github'));
      fs.writeFileSync(path.join(dir, '.github', 'x.yaml'), 'on: push');
      fs.symlinkSync(
        path.join(dir, '.env'),
        path.join(dir, 'catalog-info', 'contracts', 'env.yaml'),
      );
    }
    fs.mkdirSync(path.join(repo, '.git'));
    fs.writeFileSync(path.join(repo, '.git', 'config'), 'url = s3cr3t');
    fs.writeFileSync(path.join(root, 'hostname'), 'vm');
  });
  afterAll(() => fs.rmSync(root, { recursive: true }));

  it.each([
    ['../../.env', '.env'],
    ['../../.git/config', '.git'],
    ['../../.github/x.yaml', '.github'],
    ['../contracts/../../.env', '.env'],
    ['../contracts/env.yaml', '.env'],
    ['/.env', '.env'],
  ])(
    'refuses %s, a hidden file or folder, as the catalog does',
    async (written, hidden) => {
      await expect(
        readLocalContractFile(
          path.join(repo, 'catalog-info', 'products', 'orders.yaml'),
          written,
        ),
      ).rejects.toThrow(
        `contract ${JSON.stringify(
          written,
        )} is in a hidden file or folder (${hidden}), which the catalog never reads as a contract`,
      );
    },
  );

  it('refuses a hidden file outside a git repository too', async () => {
    const product = path.join(copy, 'catalog-info', 'products', 'orders.yaml');
    await expect(
      readLocalContractFile(product, '../../.env', {
        bound: { folder: copy, what: 'the folder given' },
      }),
    ).rejects.toThrow('is in a hidden file or folder (.env)');
    await expect(
      readLocalContractFile(product, '../contracts/env.yaml', {
        bound: { folder: copy, what: 'the folder given' },
      }),
    ).rejects.toThrow('is in a hidden file or folder (.env)');
  });

  it('reads no contract outside a git repository when given no folder, as the catalog', async () => {
    const product = path.join(copy, 'catalog-info', 'products', 'orders.yaml');
    await expect(
      readLocalContractFile(product, '../contracts/orders.yaml'),
    ).rejects.toThrow(
      'contract "../contracts/orders.yaml" is not read: this file is in no git repository',
    );
  });

  it('is bounded, outside a git repository, by the folder it is given', async () => {
    const product = path.join(copy, 'catalog-info', 'products', 'orders.yaml');
    const bound = {
      folder: path.join(copy, 'catalog-info'),
      what: 'the folder given',
    };
    expect(
      await readLocalContractFile(product, '../contracts/orders.yaml', {
        bound,
      }),
    ).toEqual({
      file: path.join(copy, 'catalog-info', 'contracts', 'orders.yaml'),
      text: 'mine',
    });
    await expect(
      readLocalContractFile(product, '../../../hostname', { bound }),
    ).rejects.toThrow(
      `contract "../../../hostname" is outside ${bound.folder}, the folder given`,
    );
  });
});
