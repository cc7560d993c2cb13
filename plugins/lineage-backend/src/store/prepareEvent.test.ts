import { createHash } from 'crypto';
import { inflateRawSync } from 'zlib';
import { parseJsonExact } from './parseJsonExact';
import { prepareEvent } from './prepareEvent';
import { validEvent } from '../__testUtils__/validEvent';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

const fields = [
  { name: 'id', type: 'BIGINT' },
  { name: 'total', type: 'DECIMAL' },
];
const orders = { namespace: 'postgres://db:5432', name: 'shop.orders' };
const customers = { namespace: 'postgres://db:5432', name: 'shop.customers' };
const event = {
  eventType: 'COMPLETE',
  eventTime: '2026-11-30T10:00:00Z',
  producer: 'https://example.com/producer',
  run: {
    runId: '3f5e83fa-3480-44ff-99c5-ff8e4a2d1b0c',
    facets: { errorMessage: { message: 'late' }, gone: { _deleted: true } },
  },
  job: { namespace: 'airflow', name: 'load_orders' },
  inputs: [customers],
  outputs: [
    {
      ...orders,
      facets: {
        schema: { fields },
        columnLineage: {
          fields: {
            id: { inputFields: [{ ...customers, field: 'id' }] },
            total: {
              inputFields: [
                { ...customers, field: 'amount' },
                { namespace: 'ns', name: 'x'.repeat(5000), field: 'f' },
              ],
            },
          },
        },
        outputStatistics: { rowCount: 1, size: 10 },
      },
      outputFacets: {
        outputStatistics: { rowCount: 42 },
        dataQualityMetrics: { rowCount: 42, columnMetrics: {} },
      },
    },
  ],
};

/** A facet marked deleted, as a producer sends one. */
const deleted = { _producer: 'p', _schemaURL: 's', _deleted: true };

describe('prepareEvent', () => {
  it('keeps what the store projects, each facet as its JSON text', () => {
    const prepared = prepareEvent(validEvent(event));
    expect(prepared.payload).toBe(JSON.stringify(event));
    expect(prepared.payloadHash).toBe(sha256(JSON.stringify(event)));
    expect(prepared).toMatchObject({
      kind: 'run',
      eventType: 'COMPLETE',
      eventTimeMs: Date.parse('2026-11-30T10:00:00Z'),
      run: {
        runId: event.run.runId,
        facets: [
          ['errorMessage', '{"message":"late"}'],
          ['gone', null],
        ],
      },
      job: { namespace: 'airflow', name: 'load_orders', facets: [] },
      inputs: [{ ...customers, facets: [], lineageInputs: [] }],
    });
    const [output] = prepared.outputs;
    const schemaText = JSON.stringify(fields);
    expect(output.schema).toEqual({
      text: schemaText,
      hash: sha256(schemaText),
    });
    expect(output.facets.map(([name]) => name)).toEqual([
      'schema',
      'columnLineage',
      'outputStatistics',
    ]);
    // Each input dataset once; a name too long for the index is left out.
    expect(output.lineageInputs).toEqual([customers]);
    // An output facet wins over the dataset's own facet of the same name.
    expect(output.measurements).toEqual({
      rowCount: 42,
      byteCount: null,
      qualityMetrics: '{"rowCount":42,"columnMetrics":{}}',
      qualityAssertions: null,
      schemaHash: output.schema!.hash,
    });
  });

  it('keys a schema by its fields whatever the order of their keys, nested, `__proto__` and large integers too, but not whatever the order of the fields', () => {
    const schemaOf = (fieldsText: string) =>
      prepareEvent(
        validEvent(
          parseJsonExact(
            JSON.stringify({
              ...event,
              outputs: [{ ...orders, facets: { schema: { fields: 0 } } }],
            }).replace('"fields":0', `"fields":${fieldsText}`),
          ),
        ),
      ).outputs[0].schema!;
    const sent = schemaOf(
      '[{"name":"id","__proto__":{"b":1,"a":2},"size":12345678901234567890}]',
    );
    // As a relay re-serialising the event may send it.
    const relayed = schemaOf(
      '[{"size":12345678901234567890,"__proto__":{"a":2,"b":1},"name":"id"}]',
    );
    expect(relayed).toEqual({
      text: '[{"size":12345678901234567890,"__proto__":{"a":2,"b":1},"name":"id"}]',
      hash: sha256(
        '[{"__proto__":{"a":2,"b":1},"name":"id","size":12345678901234567890}]',
      ),
    });
    expect(sent.hash).toBe(relayed.hash);
    expect(schemaOf('[{"name":"b"},{"name":"a"}]').hash).not.toBe(
      schemaOf('[{"name":"a"},{"name":"b"}]').hash,
    );
  });

  it('leaves out a facet of null, as default JSON mappers write one not set', () => {
    const prepared = prepareEvent(
      validEvent({
        ...event,
        job: { ...event.job, facets: { sql: null, owner: { name: 'a' } } },
        outputs: [{ ...orders, facets: { schema: null, symlinks: null } }],
      }),
    );
    expect(prepared.job?.facets).toEqual([['owner', '{"name":"a"}']]);
    expect(prepared.outputs[0]).toMatchObject({ facets: [] });
    expect(prepared.outputs[0].schema).toBeUndefined();
  });

  it('reads the rows and bytes an input read from inputStatistics, those an output wrote from outputStatistics', () => {
    const prepared = prepareEvent(
      validEvent({
        ...event,
        inputs: [
          {
            ...customers,
            facets: { outputStatistics: { rowCount: 1, size: 10 } },
            inputFacets: {
              inputStatistics: { rowCount: 500, size: 2048, fileCount: 3 },
            },
          },
        ],
        outputs: [
          { ...orders, facets: { inputStatistics: { rowCount: 7, size: 70 } } },
        ],
      }),
    );
    expect(prepared.inputs[0].measurements).toMatchObject({
      rowCount: 500,
      byteCount: 2048,
    });
    expect(prepared.outputs[0].measurements).toMatchObject({
      rowCount: null,
      byteCount: null,
    });
  });

  it('takes a statistics or quality facet marked _deleted as no measurement', () => {
    const prepared = prepareEvent(
      validEvent({
        ...event,
        outputs: [
          {
            ...orders,
            outputFacets: {
              outputStatistics: { ...deleted, rowCount: 5, size: 50 },
              dataQualityMetrics: deleted,
              dataQualityAssertions: deleted,
              greatExpectations_assertions: deleted,
            },
          },
        ],
      }),
    );
    expect(prepared.outputs[0].measurements).toMatchObject({
      rowCount: null,
      byteCount: null,
      qualityMetrics: null,
      qualityAssertions: null,
    });
  });

  it('takes a schema, lifecycle change or column lineage marked _deleted as gone, whatever else it holds', () => {
    const prepared = prepareEvent(
      validEvent({
        ...event,
        outputs: [
          {
            ...orders,
            facets: {
              schema: { ...deleted, fields },
              lifecycleStateChange: {
                ...deleted,
                lifecycleStateChange: 'DROP',
              },
              columnLineage: {
                ...deleted,
                fields: {
                  id: { inputFields: [{ ...customers, field: 'id' }] },
                },
              },
            },
          },
        ],
      }),
    );
    const [output] = prepared.outputs;
    expect(output.facets).toEqual([
      ['schema', null],
      ['lifecycleStateChange', null],
      ['columnLineage', null],
    ]);
    expect(output.schema).toBeUndefined();
    expect(output.measurements.schemaHash).toBeNull();
    expect(output.lifecycleChange).toBe('');
    expect(output.lineageInputs).toEqual([]);
  });

  it('keeps the lifecycle change an output reports that may leave it without data, empty for another or one deleted', () => {
    const changeOf = (facet: object) =>
      prepareEvent(
        validEvent({
          ...event,
          outputs: [{ ...orders, facets: { lifecycleStateChange: facet } }],
        }),
      ).outputs[0].lifecycleChange;
    expect(changeOf({ lifecycleStateChange: 'DROP' })).toBe('DROP');
    expect(changeOf({ lifecycleStateChange: 'TRUNCATE' })).toBe('TRUNCATE');
    expect(changeOf({ lifecycleStateChange: 'OVERWRITE' })).toBe('');
    expect(changeOf({ lifecycleStateChange: 'truncate' })).toBe('TRUNCATE');
    // Deleted, it undoes a drop an earlier event of the run reported.
    expect(changeOf({ _deleted: true })).toBe('');
  });

  it("keeps the lifecycle state an output reports, any of the spec's, empty for none, one deleted or another value", () => {
    const stateOf = (facets: object) =>
      prepareEvent(validEvent({ ...event, outputs: [{ ...orders, facets }] }))
        .outputs[0].lifecycleState;
    const changed = (change: unknown) => ({
      lifecycleStateChange: { lifecycleStateChange: change },
    });
    for (const state of ['ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME']) {
      expect(stateOf(changed(state))).toBe(state);
    }
    expect(stateOf(changed('TRUNCATE'))).toBe('TRUNCATE');
    expect(stateOf({})).toBe('');
    // Matched ignoring case, as Marquez does.
    expect(stateOf(changed('drop'))).toBe('DROP');
    expect(stateOf(changed('Rename'))).toBe('RENAME');
    expect(stateOf(changed('dropped'))).toBe('');
    expect(stateOf(changed(7))).toBe('');
    expect(
      stateOf({
        lifecycleStateChange: { lifecycleStateChange: 'DROP', _deleted: true },
      }),
    ).toBe('');
  });

  it('makes the dataset a rename names as previous an input of the renaming run, once, unless listed as an input or an output, and keeps the payload as sent', () => {
    const renamedFrom = (previous: unknown, change = 'RENAME') => ({
      lifecycleStateChange: {
        lifecycleStateChange: change,
        previousIdentifier: previous,
      },
    });
    const staging = { namespace: orders.namespace, name: 'shop.orders__tmp' };
    const sent = {
      ...event,
      inputs: [customers],
      outputs: [
        { ...orders, facets: renamedFrom(staging) },
        { namespace: 'ns', name: 'copy', facets: renamedFrom(staging) },
        { namespace: 'ns', name: 'listed', facets: renamedFrom(customers) },
        {
          namespace: 'ns',
          name: 'self',
          facets: renamedFrom({ namespace: 'ns', name: 'self' }),
        },
        {
          namespace: 'ns',
          name: 'altered',
          facets: renamedFrom({ namespace: 'ns', name: 'old' }, 'ALTER'),
        },
        { namespace: 'ns', name: 'nameless', facets: renamedFrom({}) },
        {
          namespace: 'ns',
          name: 'lower',
          facets: renamedFrom({ namespace: 'ns', name: 'lower_old' }, 'rename'),
        },
        {
          namespace: 'ns',
          name: 'swapped',
          facets: renamedFrom({ namespace: 'ns', name: 'copy' }),
        },
      ],
    };
    const parsed = validEvent(sent);
    const prepared = prepareEvent(parsed);
    expect(
      prepared.inputs.map(({ namespace, name }) => [namespace, name]),
    ).toEqual([
      [customers.namespace, customers.name],
      [staging.namespace, staging.name],
      ['ns', 'lower_old'],
    ]);
    expect(prepared.inputs[1]).toMatchObject({
      facets: [],
      lineageInputs: [],
      lifecycleChange: null,
      measurements: { rowCount: null, schemaHash: null },
    });
    expect(prepared.payload).toBe(parsed.payload);
    expect(JSON.parse(prepared.payload as string).inputs).toEqual([customers]);
  });

  it('keeps integers too large for a number exactly as written', () => {
    const large = '12345678901234567890';
    const text = JSON.stringify({
      ...event,
      job: { ...event.job, facets: { custom: { id: 0 } } },
    }).replace('"id":0', `"id":${large}`);
    const prepared = prepareEvent(validEvent(parseJsonExact(text)));
    expect(prepared.job?.facets).toEqual([['custom', `{"id":${large}}`]]);
  });

  it('passes between threads unchanged, a facet named like an Object member included', () => {
    const prepared = prepareEvent(
      validEvent({
        ...event,
        job: { ...event.job, facets: { constructor: { a: 1 } } },
      }),
    );
    expect(prepared.job?.facets).toEqual([['constructor', '{"a":1}']]);
    expect(structuredClone(prepared)).toEqual(prepared);
  });

  it('deflates the payload for SQLite, keeping the hash of its text', () => {
    const text = JSON.stringify(event);
    const prepared = prepareEvent(validEvent(event), { deflatePayload: true });
    expect(prepared.payload).toBeInstanceOf(Uint8Array);
    const deflated = prepared.payload as Uint8Array;
    expect(deflated.byteLength).toBeLessThan(Buffer.byteLength(text));
    // Its own buffer, so that passing it to another thread copies no more.
    expect(deflated.buffer.byteLength).toBe(deflated.byteLength);
    expect(inflateRawSync(deflated).toString()).toBe(text);
    expect(prepared.payloadHash).toBe(sha256(text));
    expect(prepared.payloadLength).toBe(text.length);
    expect(structuredClone(prepared)).toEqual(prepared);
  });

  it('marks a run event whose extractionError facet counts a statement that failed, and no other', () => {
    const incomplete = (extractionError: unknown) =>
      prepareEvent(
        validEvent({
          ...event,
          run: { ...event.run, facets: { extractionError } },
        }),
      ).run?.lineageIncomplete ?? false;
    const error = { errorMessage: 'Expected table name but got EOF' };
    // As Airflow's SQL operators send it for 1 statement of 2.
    expect(incomplete({ totalTasks: 2, failedTasks: 1, errors: [error] })).toBe(
      true,
    );
    expect(incomplete({ failedTasks: '1' })).toBe(true);
    expect(incomplete({ totalTasks: 2, failedTasks: 0, errors: [error] })).toBe(
      true,
    );
    expect(incomplete({ totalTasks: 2, failedTasks: 0, errors: [] })).toBe(
      false,
    );
    expect(incomplete({ totalTasks: 2 })).toBe(false);
    expect(incomplete({ failedTasks: 'one', errors: 'x' })).toBe(false);
    expect(incomplete('failed')).toBe(false);
    expect(incomplete({ ...deleted, failedTasks: 1 })).toBe(false);
    expect(
      prepareEvent(validEvent(event)).run?.lineageIncomplete,
    ).toBeUndefined();
  });
});
