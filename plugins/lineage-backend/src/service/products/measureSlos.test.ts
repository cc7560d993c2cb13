import { measureFreshness } from './measureSlos';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const now = Date.parse('2026-11-24T12:00:00Z');

describe('measureFreshness', () => {
  it('counts the share of the window during which the last write was recent enough', () => {
    // Daily writes over the whole week, but one day's run came 12 h late.
    const writes = [-8, -7, -6, -5, -4, -2.5, -1.5, -0.5].map(
      d => now + d * DAY,
    );
    const measure = measureFreshness(writes, DAY, 7 * DAY, now, 0.99);
    expect(measure.status).toBe('met');
    expect(measure.attainment).toBeCloseTo(1 - 0.5 / 7, 4);
    expect(measure.attainmentStatus).toBe('breached');
  });

  it('measures a dataset first written inside the window from that first write', () => {
    const writes = [-3, -2, -1].map(d => now + d * DAY);
    const measure = measureFreshness(writes, DAY, 7 * DAY, now, 0.99);
    expect(measure.attainment).toBe(1);
    expect(measure.attainmentStatus).toBe('met');
  });

  it('is breached now when the last write is older than the maximum delay', () => {
    const measure = measureFreshness([now - 2 * DAY], DAY, 7 * DAY, now);
    expect(measure.status).toBe('breached');
    expect(measure.ageMs).toBe(2 * DAY);
    expect(measure.attainment).toBe(0.5);
  });

  it('is unknown without any write', () => {
    const measure = measureFreshness([], DAY, 7 * DAY, now, 0.99);
    expect(measure.status).toBe('unknown');
    expect(measure.attainmentStatus).toBe('unknown');
  });
});
