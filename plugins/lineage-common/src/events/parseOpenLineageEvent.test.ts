import { parseOpenLineageEvent } from './parseOpenLineageEvent';

const runEvent = {
  eventTime: '2024-11-26T13:05:23.809955+00:00',
  producer: 'https://example.com/producer',
  eventType: 'START',
  run: { runId: '01936893-9751-7a91-a2a0-a51101a3970c' },
  job: { namespace: 'airflow', name: 'dag.task' },
};

describe('parseOpenLineageEvent', () => {
  it('tells the kinds apart by shape, whatever the schemaURL says', () => {
    const wrongUrl =
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent';
    expect(
      parseOpenLineageEvent({ ...runEvent, schemaURL: wrongUrl }),
    ).toMatchObject({
      ok: true,
      kind: 'run',
    });
    const { run: _run, eventType: _type, ...jobEvent } = runEvent;
    expect(parseOpenLineageEvent(jobEvent)).toMatchObject({
      ok: true,
      kind: 'job',
    });
    expect(
      parseOpenLineageEvent({
        eventTime: runEvent.eventTime,
        producer: 'p',
        dataset: { namespace: 'pg', name: 't' },
      }),
    ).toMatchObject({ ok: true, kind: 'dataset' });
  });

  it('accepts a run event without eventType, and keeps unknown fields', () => {
    const { eventType: _type, ...event } = runEvent;
    const result = parseOpenLineageEvent({ ...event, custom: { a: 1 } });
    expect(result).toMatchObject({ ok: true, event: { custom: { a: 1 } } });
  });

  it('keeps keys named __proto__, facet names included, as sent', () => {
    const text =
      '{"eventTime":"2024-01-01T00:00:00Z","producer":"p","__proto__":{"top":1},' +
      '"run":{"runId":"r","facets":{"__proto__":{"odd":true},"x":{}}},' +
      '"job":{"namespace":"n","name":"j"}}';
    const result = parseOpenLineageEvent(JSON.parse(text));
    expect(result.ok && JSON.parse(result.payload)).toEqual(JSON.parse(text));
    expect(result.ok && result.payload).toContain(
      '"facets":{"__proto__":{"odd":true},"x":{}}',
    );
  });

  it('keeps exact large integers in facets, yet refuses one for an object', () => {
    // As the lineage backend's parseJsonExact keeps integers past 2^53.
    const { rawJSON } = JSON as unknown as { rawJSON(text: string): unknown };
    const big = rawJSON('12345678901234567890');
    const kept = parseOpenLineageEvent({
      ...runEvent,
      run: { ...runEvent.run, facets: { custom: { id: big } } },
    });
    expect(kept.ok && kept.payload).toContain(
      '"custom":{"id":12345678901234567890}',
    );
    for (const [event, path] of [
      [{ ...runEvent, run: { ...runEvent.run, facets: big } }, 'run.facets'],
      [{ ...runEvent, job: big }, 'job'],
      [{ ...runEvent, inputs: [big] }, 'inputs.0'],
      [
        {
          ...runEvent,
          outputs: [{ namespace: 'n', name: 'o', outputFacets: big }],
        },
        'outputs.0.outputFacets',
      ],
    ] as const) {
      const refused = parseOpenLineageEvent(event);
      expect(refused).toMatchObject({
        ok: false,
        issues: [{ path, message: expect.stringContaining('number') }],
      });
    }
    for (const [event, path] of [
      [{ ...runEvent, run: { runId: big } }, 'run.runId'],
      [{ ...runEvent, job: { ...runEvent.job, name: big } }, 'job.name'],
      [{ ...runEvent, eventTime: big }, 'eventTime'],
    ] as const) {
      expect(parseOpenLineageEvent(event)).toMatchObject({
        ok: false,
        issues: [
          { path, message: 'Invalid input: expected string, received number' },
        ],
      });
    }
    expect(parseOpenLineageEvent(big)).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringContaining('got number') }],
    });
  });

  it('names every failing path', () => {
    const result = parseOpenLineageEvent({
      ...runEvent,
      eventTime: 'soon',
      run: { runId: 42 },
      inputs: [{ namespace: 'pg' }],
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['eventTime', 'run.runId', 'inputs.0.name']),
    );
  });

  it('refuses non-objects, shapeless objects and deep nesting', () => {
    expect(parseOpenLineageEvent([runEvent]).ok).toBe(false);
    expect(parseOpenLineageEvent({ eventTime: runEvent.eventTime }).ok).toBe(
      false,
    );
    // The event is level 0, `run` 1, its facets 2: a facet of `levels`
    // objects nests its last at level 2 + levels.
    const nestedFacet = (levels: number) => {
      let deep: unknown = {};
      for (let i = 1; i < levels; i++) deep = { deep };
      return parseOpenLineageEvent({
        ...runEvent,
        run: { ...runEvent.run, facets: { deep } },
      });
    };
    expect(nestedFacet(998).ok).toBe(true);
    const result = nestedFacet(999);
    expect(result).toMatchObject({
      ok: false,
      issues: [{ message: 'nested deeper than 1000 levels' }],
    });
    const path = (result as { issues: Array<{ path: string }> }).issues[0].path;
    expect(path.split('.')).toEqual([
      'run',
      'facets',
      ...Array(999).fill('deep'),
    ]);
  });

  it('refuses text no store keeps wherever it is, and keeps text that only spells such an escape', () => {
    const withFacet = (facet: unknown) => ({
      ...runEvent,
      run: { ...runEvent.run, facets: { notes: facet } },
    });
    const issueOf = (input: unknown) => {
      const result = parseOpenLineageEvent(input);
      return result.ok ? undefined : result.issues[0];
    };
    const message =
      'must not contain a NUL character (\\u0000) or an unpaired surrogate';
    expect(issueOf(withFacet({ lines: ['ok', { text: 'a\u0000b' }] }))).toEqual(
      { path: 'run.facets.notes.lines.1.text', message },
    );
    expect(issueOf(withFacet({ ['key\udc00']: 'x' }))).toEqual({
      path: 'run.facets.notes.key\udc00',
      message,
    });
    expect(issueOf(withFacet({ text: '\\\u0000' }))?.message).toBe(message);
    expect(issueOf(withFacet({ text: 'x\ud83d' }))?.message).toBe(message);

    const spelled = withFacet({
      text: '\\u0000 \\\\ud800 \ud83d\ude00 \u0001',
      ['\\udfff']: 'key',
    });
    const kept = parseOpenLineageEvent(spelled);
    expect(kept.ok).toBe(true);
    expect(kept.ok && JSON.parse(kept.payload)).toEqual(spelled);
  });

  it('refuses deep nesting inside arrays, naming its path', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1010; i++) deep = [deep];
    expect(
      parseOpenLineageEvent({
        ...runEvent,
        run: { ...runEvent.run, facets: { deep } },
      }),
    ).toMatchObject({
      ok: false,
      issues: [
        {
          path: ['run', 'facets', 'deep', ...Array(998).fill('0')].join('.'),
          message: 'nested deeper than 1000 levels',
        },
      ],
    });
  });
});
