import { parseEventBody } from './parseEventBody';

const event = {
  eventTime: '2024-01-01T00:00:00Z',
  producer: 'https://example.com/producer',
  dataset: { namespace: 'kafka://b:9092', name: 'orders' },
};
const single = { batch: false, maxBatchEvents: 10 };
const batch = { batch: true, maxBatchEvents: 2 };

describe('parseEventBody', () => {
  it('reads an ASCII body into the event, its text, kind and time', () => {
    expect(
      parseEventBody(Buffer.from(` ${JSON.stringify(event)}\n`), single),
    ).toEqual({
      ok: true,
      valid: [
        {
          kind: 'dataset',
          event,
          eventTimeMs: Date.parse(event.eventTime),
          payload: JSON.stringify(event),
        },
      ],
      failed: [],
    });
  });

  it('reads UTF-8 text beyond ASCII exactly, with or without a BOM', () => {
    const named = { ...event, producer: 'Größe 数据 🚀 \u00e9' };
    const text = JSON.stringify(named);
    for (const body of [text, `\uFEFF${text}`]) {
      const result = parseEventBody(Buffer.from(body), single);
      expect(result.ok && JSON.parse(result.valid[0].payload)).toEqual(named);
    }
  });

  it('names the problem in a body that is not JSON or not the shape asked for', () => {
    expect(parseEventBody(Buffer.from('{"eventTime": '), single)).toEqual({
      ok: false,
      status: 400,
      message: expect.stringMatching(/^Request body is not valid JSON: /),
    });
    expect(parseEventBody(Buffer.from('\uFEFF  '), single)).toMatchObject({
      status: 400,
      message: 'Request body is empty; send an OpenLineage event as JSON',
    });
    expect(
      parseEventBody(Buffer.from(JSON.stringify(event)), batch),
    ).toMatchObject({
      status: 400,
      message: 'A batch must be a JSON array of OpenLineage events',
    });
    expect(
      parseEventBody(Buffer.from(JSON.stringify([event, event, event])), batch),
    ).toMatchObject({
      status: 413,
      message: 'A batch holds at most 2 events, got 3',
    });
  });

  it('keeps the valid events of a batch and says why each other one failed', () => {
    const body = Buffer.from(
      JSON.stringify([{ ...event, eventTime: 'yesterday' }, event]),
    );
    const result = parseEventBody(body, batch);
    expect(result).toEqual({
      ok: true,
      valid: [expect.objectContaining({ payload: JSON.stringify(event) })],
      failed: [
        {
          index: 0,
          reason: 'eventTime: must be an ISO 8601 date-time',
          issues: [
            { path: 'eventTime', message: 'must be an ISO 8601 date-time' },
          ],
        },
      ],
    });
  });

  it('reads a view into a larger buffer, as a thread receives one', () => {
    const text = JSON.stringify(event);
    const larger = Buffer.from(`xx${text}yy`);
    const view = new Uint8Array(
      larger.buffer,
      larger.byteOffset + 2,
      text.length,
    );
    const result = parseEventBody(view, single);
    expect(result.ok && result.valid[0].payload).toBe(text);
  });

  it('names the first 20 problems of an event and counts the rest', () => {
    const inputs = Array.from({ length: 25 }, () => ({ namespace: 'pg' }));
    const result = parseEventBody(
      Buffer.from(
        JSON.stringify([
          {
            ...event,
            run: { runId: '3f5e83fa-3480-44ff-99c5-ff943cd0c6b1' },
            job: { namespace: 'airflow', name: 'etl' },
            inputs,
          },
        ]),
      ),
      batch,
    );
    const [failed] = result.ok ? result.failed : [];
    expect(failed.issues).toHaveLength(25);
    expect(failed.reason).toBe(
      `${failed.issues
        .slice(0, 20)
        .map(issue => `${issue.path}: ${issue.message}`)
        .join('; ')}; and 5 more issues`,
    );
  });
});
