import { validateDataProductEntity } from '@meshwork/plugin-data-products-common';
import { promises as fs } from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import { dataProduct } from '../__testUtils__/dataProduct';
import {
  parseDryRun,
  parseNewExemption,
  parseRevocation,
} from './parseRequests';

/** The message a dry run of `body` is refused with. */
async function refusal(body: unknown): Promise<string> {
  try {
    await parseDryRun(body);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the dry run was not refused');
}

describe('parseDryRun', () => {
  it('names the first 20 issues of a product and counts the rest', async () => {
    const entity = dataProduct('wide', {
      outputPorts: Array.from({ length: 100 }, (_, i) => ({
        name: `port_${i}`,
      })),
    });
    const message = await refusal({ entity });
    const named = message
      .split('; ')
      .filter(part => part.startsWith('entity.'));
    const issues = validateDataProductEntity(entity);
    expect(issues.length).toBeGreaterThan(100);
    expect(named).toEqual(
      issues
        .slice(0, 20)
        .map(issue => `entity.${issue.path}: ${issue.message}`),
    );
    expect(message.endsWith(`; and ${issues.length - 20} more issues`)).toBe(
      true,
    );
  });

  it('refuses what the catalog would, as meshwork check does, naming the field', async () => {
    const entity = parseYaml(
      await fs.readFile(
        path.resolve(
          __dirname,
          '../../../../catalog-info/products/checkout/orders.yaml',
        ),
        'utf8',
      ),
    );
    for (const port of entity.spec.outputPorts) delete port.contract;
    const withMetadata = (metadata: object) => ({
      entity: { ...entity, metadata: { ...entity.metadata, ...metadata } },
    });
    expect((await parseDryRun(withMetadata({}))).metadata.name).toBe('orders');
    expect(await refusal(withMetadata({ namespace: 'Bad NS!' }))).toBe(
      'entity.metadata.namespace: expected a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total but found "Bad NS!".',
    );
    expect(await refusal(withMetadata({ tags: ['Tier 1'] }))).toMatch(
      /^entity\.metadata\.tags\.0: expected .* but found "Tier 1"\.$/,
    );
    expect(await refusal(withMetadata({ labels: { a: 'b c' } }))).toMatch(
      /^entity\.metadata\.labels\.a: expected .* but found "b c"\.$/,
    );
    expect(
      await refusal(withMetadata({ annotations: { 'bad key!': 'x' } })),
    ).toMatch(/^entity\.metadata\.annotations\.bad key!: expected /);
  });

  describe('with contracts', () => {
    const entity = dataProduct('wide', {
      tier: 2,
      version: '1.0.0',
      outputPorts: Array.from({ length: 30 }, (_, i) => ({
        name: `port_${i}`,
        type: 'table',
        dataset: { namespace: 'pg', name: `table_${i}` },
      })),
    });
    const contractRefusal = (contracts: unknown) =>
      refusal({ entity, contracts });

    it('names the first 20 errors of a contract and counts the rest', async () => {
      const columns = Array.from(
        { length: 30 },
        (_, i) => `      - name: c${i}\n        logicalType: 123`,
      ).join('\n');
      const contract = `apiVersion: v3.0.2
kind: DataContract
id: wide
version: 1.0.0
status: active
schema:
  - name: t
    properties:
${columns}
`;
      // Each message holds '; ' itself: the columns named tell them apart.
      const message = await contractRefusal({ port_3: contract });
      expect(
        message.match(/contracts\.port_3: schema\[0\]\.properties\[\d+\]/g),
      ).toEqual(
        Array.from(
          { length: 20 },
          (_, i) => `contracts.port_3: schema[0].properties[${i}]`,
        ),
      );
      expect(message.endsWith('; and 10 more issues')).toBe(true);
    });

    it('names the first 10 ports a contract could be for', async () => {
      expect(await contractRefusal({ nope: 'kind: DataContract' })).toBe(
        `contracts.nope: not an output port of the entity (expected one of ${Array.from(
          { length: 10 },
          (_, i) => `port_${i}`,
        ).join(', ')} and 20 more)`,
      );
    });

    it('names the first 20 contracts that are not text', async () => {
      const contracts = Object.fromEntries(
        Array.from({ length: 21 }, (_, i) => [`port_${i}`, i]),
      );
      const parts = (await contractRefusal(contracts)).split('; ');
      expect(parts).toHaveLength(21);
      expect(parts[0]).toMatch(/^contracts\.port_0: /);
      expect(parts[20]).toBe('and 1 more issue');
    });
  });
});

describe('exemptions', () => {
  const now = Date.parse('2024-06-01T00:00:00Z');
  const valid = {
    entityRef: 'dataproduct:default/orders',
    checkId: 'runbook-present',
    justification: 'The runbook moves to the new wiki this week.',
    approver: 'user:default/guest',
    expiresAt: '2024-06-08T00:00:00Z',
  };

  it('refuses text the stores would not keep as sent, naming its field', () => {
    expect(parseNewExemption(valid, now).justification).toBe(
      valid.justification,
    );
    // Lone halves of a pair; a whole pair is text like any other.
    for (const half of ['\ud83d', '\ude00', '\ude00\ud83d']) {
      expect(() =>
        parseNewExemption({ ...valid, justification: `Moving ${half}` }, now),
      ).toThrow(/^justification: must not contain an unpaired surrogate$/);
      expect(() =>
        parseNewExemption(
          { ...valid, approver: `user:default/ana${half}` },
          now,
        ),
      ).toThrow(/^approver: must not contain an unpaired surrogate$/);
      expect(() => parseRevocation({ reason: `Done ${half}` })).toThrow(
        /^reason: must not contain an unpaired surrogate$/,
      );
    }
    expect(parseRevocation({ reason: 'Done \ud83d\ude00' })).toBe(
      'Done \ud83d\ude00',
    );
  });
});
