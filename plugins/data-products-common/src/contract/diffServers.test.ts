import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- a test's harness, where CI forbids skipping
import { findSharedFixtures } from '@meshwork/test-utils';
import { diffDataContracts } from './diffDataContracts';
import { parseDataContract } from './parseDataContract';

const FIXTURES = findSharedFixtures('odcs');
const withFixtures = FIXTURES ? describe : describe.skip;

function parsed(doc: Record<string, any>) {
  const { contract, errors } = parseDataContract(doc);
  expect(errors).toEqual([]);
  return contract!;
}

/** A contract of one server, `files`, with `fields`, at `version`. */
function withServer(fields: Record<string, unknown>, version = '1.0.0') {
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 't',
    version,
    status: 'active',
    servers: [{ server: 'files', type: 's3', ...fields }],
  };
}

/** The server fields a diff reports as changed, by severity. */
const changed = (
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) =>
  diffDataContracts(
    parsed(withServer(before)),
    parsed(withServer(after, '2.0.0')),
  ).map(({ severity, path: where }) => `${severity} ${where}`);

describe('diffServers', () => {
  it('finds no change in a format respelt in another case', () => {
    expect(changed({ format: 'parquet' }, { format: 'PARQUET' })).toEqual([]);
    expect(changed({ format: 'parquet' }, { format: 'csv' })).toEqual([
      'breaking servers.files.format',
    ]);
  });

  it('finds no change in a location or path gaining or losing a trailing slash', () => {
    expect(
      changed(
        { location: 's3://bucket/orders', path: '/data/orders/' },
        { location: 's3://bucket/orders/', path: '/data/orders' },
      ),
    ).toEqual([]);
  });

  it('still tells different places apart', () => {
    expect(
      changed(
        { location: 's3://bucket/orders' },
        { location: 's3://bucket/orders/2024' },
      ),
    ).toEqual(['breaking servers.files.location']);
    expect(
      changed({ location: 's3://bucket/' }, { location: 's3://bucket//' }),
    ).toEqual(['breaking servers.files.location']);
    expect(changed({ location: 's3://' }, { location: 's3:' })).toEqual([
      'breaking servers.files.location',
    ]);
    expect(changed({ path: '/' }, { path: '' })).toEqual([
      'breaking servers.files.path',
    ]);
    expect(
      changed({ location: 's3://Bucket/a' }, { location: 's3://bucket/a' }),
    ).toEqual(['breaking servers.files.location']);
  });

  withFixtures('on the official example', () => {
    it('finds no change when the Azure server respells its format and ends its location with /', () => {
      const text = fs.readFileSync(
        path.join(FIXTURES!, 'examples', 'server__azure-server.odcs.yaml'),
        'utf8',
      );
      const before = parse(text);
      const after = parse(text);
      const [server] = after.servers;
      expect(server).toMatchObject({
        location: 'az://my-data-location',
        format: 'parquet',
      });
      server.location = 'az://my-data-location/';
      server.format = 'PARQUET';
      expect(diffDataContracts(parsed(before), parsed(after))).toEqual([]);
    });
  });
});
