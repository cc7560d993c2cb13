import { InputError } from '@backstage/errors';
import { createHash } from 'crypto';
import workerThreads, { Worker } from 'worker_threads';
import { inflateRawSync } from 'zlib';
import { EventBodyParser } from './EventBodyParser';
import { eventPayloadText } from '../store/eventPayload';
import { RequestBodyError } from './readRequestBody';

const eventOf = (i: number) => ({
  eventTime: '2024-01-01T00:00:00+01:00',
  producer: 'https://example.com/producer',
  run: { runId: `3f5e83fa-3480-44ff-99c5-${String(i).padStart(12, '0')}` },
  job: { namespace: 'airflow', name: 'orders.load', facets: { custom: [i] } },
});
/** Large enough (about 60 KB) to be parsed on a thread. */
const events = Array.from({ length: 300 }, (_, i) => eventOf(i));
const options = { batch: true, maxBatchEvents: 1000 };

async function until(condition: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe('EventBodyParser', () => {
  let parser: EventBodyParser;
  const errors: Error[] = [];

  beforeEach(() => {
    errors.length = 0;
    parser = new EventBodyParser({
      threads: 1,
      onError: error => errors.push(error),
    });
  });

  afterEach(() => parser.stop());

  it('parses a large batch on its thread into the events and the failures', async () => {
    const body = Buffer.from(
      JSON.stringify([...events, { ...eventOf(300), run: {} }]),
    );
    expect(body.length).toBeGreaterThan(40_000);
    const posted = jest.spyOn(Worker.prototype, 'postMessage');
    const parsed = await parser.parse(body, options);
    expect(posted).toHaveBeenCalledTimes(1);
    expect(parsed.valid).toHaveLength(300);
    const payload = JSON.stringify(events[299]);
    // Prepared on the thread, so the store need not parse it again.
    expect(parsed.valid[299]).toEqual({
      kind: 'run',
      eventTimeMs: Date.parse('2023-12-31T23:00:00Z'),
      payload,
      payloadHash: createHash('sha256').update(payload).digest('hex'),
      payloadLength: payload.length,
      eventType: undefined,
      run: { runId: events[299].run.runId, facets: [] },
      job: {
        namespace: 'airflow',
        name: 'orders.load',
        facets: [['custom', '[299]']],
      },
      dataset: undefined,
      inputs: [],
      outputs: [],
    });
    expect(parsed.failed).toEqual([
      expect.objectContaining({
        index: 300,
        reason: expect.stringMatching(/^run\.runId: /),
      }),
    ]);
    // Posted to the thread, which answered: it started and is still there.
    expect(parser.threadCount).toBe(1);
    expect(errors).toEqual([]);
    // A small body is parsed here.
    const small = await parser.parse(
      Buffer.from(JSON.stringify(events.slice(0, 2))),
      options,
    );
    expect(
      small.valid.map(v => JSON.parse(eventPayloadText(v.payload))),
    ).toEqual(events.slice(0, 2));
    expect(posted).toHaveBeenCalledTimes(1);
    posted.mockRestore();
  });

  it('deflates the payloads for a store that keeps them so, on its thread and here', async () => {
    const deflating = new EventBodyParser({
      threads: 1,
      deflatePayloads: true,
      onError: error => errors.push(error),
    });
    try {
      const posted = jest.spyOn(Worker.prototype, 'postMessage');
      const large = await deflating.parse(
        Buffer.from(JSON.stringify(events)),
        options,
      );
      const small = await deflating.parse(
        Buffer.from(JSON.stringify(events.slice(0, 2))),
        options,
      );
      expect(posted).toHaveBeenCalledTimes(1);
      posted.mockRestore();
      for (const { valid } of [large, small]) {
        valid.forEach(({ payload, payloadHash }, i) => {
          expect(payload).toBeInstanceOf(Uint8Array);
          const text = inflateRawSync(payload as Uint8Array).toString();
          expect(text).toBe(JSON.stringify(events[i]));
          expect(payloadHash).toBe(
            createHash('sha256').update(text).digest('hex'),
          );
        });
      }
      expect(large.valid).toHaveLength(300);
      expect(errors).toEqual([]);
    } finally {
      await deflating.stop();
    }
  });

  it('keeps integers too large for a number exact in a batch parsed on its thread', async () => {
    const large = '12345678901234567890';
    const body = Buffer.from(
      `[${JSON.stringify(events).slice(1, -1)},${JSON.stringify(
        eventOf(300),
      ).replace('"custom":[300]', `"custom":[${large}]`)}]`,
    );
    const posted = jest.spyOn(Worker.prototype, 'postMessage');
    const parsed = await parser.parse(body, options);
    expect(posted).toHaveBeenCalledTimes(1);
    posted.mockRestore();
    expect(parsed.valid).toHaveLength(301);
    expect(parsed.valid[300].job?.facets).toEqual([['custom', `[${large}]`]]);
    expect(JSON.parse(eventPayloadText(parsed.valid[299].payload))).toEqual(
      events[299],
    );
  });

  it('throws the errors a route answers for a body it cannot take', async () => {
    const padding = ' '.repeat(40_000);
    await expect(
      parser.parse(Buffer.from(`${padding}[{"run": `), options),
    ).rejects.toThrow(InputError);
    await expect(
      parser.parse(Buffer.from(JSON.stringify(events)), {
        ...options,
        maxBatchEvents: 10,
      }),
    ).rejects.toEqual(
      new RequestBodyError(413, 'A batch holds at most 10 events, got 300'),
    );
    expect(parser.threadCount).toBe(1);
  });

  it('gives up on a thread that does not answer in time, parsing here', async () => {
    const impatient = new EventBodyParser({
      threads: 1,
      answerTimeoutMs: 1,
      onError: error => errors.push(error),
    });
    try {
      // The thread is still starting: it cannot answer within 1 ms.
      const parsed = await impatient.parse(
        Buffer.from(JSON.stringify(events)),
        options,
      );
      expect(
        parsed.valid.map(v => JSON.parse(eventPayloadText(v.payload))),
      ).toEqual(events);
      expect(impatient.threadCount).toBe(0);
      expect(errors.map(String)).toEqual([
        'Error: A parser thread did not answer within 1 ms',
      ]);
    } finally {
      await impatient.stop();
    }
  });

  it('replaces a thread that fails, parsing here meanwhile', async () => {
    const replacing = new EventBodyParser({
      threads: 1,
      restartDelayMs: 10,
      onError: error => errors.push(error),
    });
    try {
      const body = Buffer.from(JSON.stringify(events));
      // Options the thread cannot read: it throws, and fails.
      const unreadable = undefined as unknown as typeof options;
      await expect(replacing.parse(body, unreadable)).rejects.toThrow(
        TypeError,
      );
      expect(errors).toHaveLength(1);
      expect(replacing.threadCount).toBe(0);
      expect(
        (await replacing.parse(body, options)).valid.map(v =>
          JSON.parse(eventPayloadText(v.payload)),
        ),
      ).toEqual(events);

      await until(() => replacing.threadCount === 1);
      const posted = jest.spyOn(Worker.prototype, 'postMessage');
      const parsed = await replacing.parse(body, options);
      expect(posted).toHaveBeenCalledTimes(1);
      posted.mockRestore();
      expect(
        parsed.valid.map(v => JSON.parse(eventPayloadText(v.payload))),
      ).toEqual(events);
      expect(replacing.threadCount).toBe(1);
      expect(errors).toHaveLength(1);
    } finally {
      await replacing.stop();
    }
  });

  it('waits longer for each replacement that fails, while another thread works', async () => {
    const replacing = new EventBodyParser({
      threads: 2,
      restartDelayMs: 50,
      onError: error => errors.push(error),
    });
    const body = Buffer.from(JSON.stringify(events));
    const unreadable = undefined as unknown as typeof options;
    try {
      await expect(replacing.parse(body, unreadable)).rejects.toThrow(
        TypeError,
      );
      expect(replacing.threadCount).toBe(1);
      const started = jest
        .spyOn(workerThreads, 'Worker')
        .mockImplementation(() => {
          throw new Error('no thread for you');
        });
      try {
        // The other thread answers meanwhile; replacements still back off.
        const deadline = Date.now() + 1_000;
        while (Date.now() < deadline) {
          await replacing.parse(body, options);
        }
        // 50, 100, 200, 400 ms: four attempts in a second, not twenty.
        expect(started.mock.calls.length).toBeGreaterThanOrEqual(2);
        expect(started.mock.calls.length).toBeLessThanOrEqual(4);
        expect(errors.slice(1).map(String)).toEqual(
          started.mock.calls.map(() => 'Error: no thread for you'),
        );
      } finally {
        started.mockRestore();
      }
      await until(() => replacing.threadCount === 2);
    } finally {
      await replacing.stop();
    }
  });

  it('starts no replacement once stopped', async () => {
    const stopping = new EventBodyParser({
      threads: 1,
      restartDelayMs: 20,
      onError: error => errors.push(error),
    });
    const unreadable = undefined as unknown as typeof options;
    await expect(
      stopping.parse(Buffer.from(JSON.stringify(events)), unreadable),
    ).rejects.toThrow(TypeError);
    await stopping.stop();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(stopping.threadCount).toBe(0);
  });

  it('parses in this thread once its threads are gone', async () => {
    const body = Buffer.from(JSON.stringify(events));
    const inFlight = parser.parse(body, options);
    await parser.stop();
    await expect(inFlight).resolves.toMatchObject({ failed: [] });
    expect(parser.threadCount).toBe(0);
    const parsed = await parser.parse(body, options);
    expect(
      parsed.valid.map(v => JSON.parse(eventPayloadText(v.payload))),
    ).toEqual(events);
  });
});
