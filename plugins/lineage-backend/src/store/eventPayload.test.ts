import {
  deflateEventPayload,
  eventPayloadText,
  storedEventPayload,
} from './eventPayload';

const text = JSON.stringify({
  eventTime: '2026-12-01T10:00:00Z',
  producer: 'https://example.com/producer',
  run: { runId: '3f5e83fa-3480-44ff-99c5-ff8e4a2d1b0c' },
  job: { namespace: 'airflow', name: 'orders.load' },
  note: 'é漢字😀'.repeat(50),
});

describe('eventPayload', () => {
  it('reads back the text of a deflated payload, and of a text one as is', () => {
    const deflated = deflateEventPayload(text);
    expect(deflated.byteLength).toBeLessThan(Buffer.byteLength(text) / 2);
    expect(eventPayloadText(deflated)).toBe(text);
    expect(eventPayloadText(text)).toBe(text);
  });

  it('stores a payload in the form asked, whichever form it came in', () => {
    const deflated = deflateEventPayload(text);
    expect(storedEventPayload(text, false)).toBe(text);
    expect(storedEventPayload(deflated, false)).toBe(text);
    expect(storedEventPayload(deflated, true)).toBe(deflated);
    const stored = storedEventPayload(text, true);
    expect(stored).toBeInstanceOf(Uint8Array);
    expect(eventPayloadText(stored)).toBe(text);
  });
});
