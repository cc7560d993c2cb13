import { searchIndexAnswer as answered } from '../../__testUtils__/searchIndexAnswer';
import { indexBuildingRetryMs } from './indexBuilding';

describe('indexBuildingRetryMs', () => {
  it("waits the 503's Retry-After seconds", async () => {
    expect(
      indexBuildingRetryMs(await answered(503, { 'Retry-After': '5' })),
    ).toBe(5_000);
    expect(
      indexBuildingRetryMs(await answered(503, { 'Retry-After': '12' })),
    ).toBe(12_000);
  });

  it('waits until a Retry-After date', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(
      indexBuildingRetryMs(
        await answered(503, { 'Retry-After': 'Sun, 01 Mar 2026 10:00:20 GMT' }),
        now,
      ),
    ).toBe(20_000);
  });

  it('waits 5 s when the 503 names no wait, or one it cannot read', async () => {
    expect(indexBuildingRetryMs(await answered(503))).toBe(5_000);
    expect(
      indexBuildingRetryMs(await answered(503, { 'Retry-After': 'soon' })),
    ).toBe(5_000);
  });

  it('waits at most a minute, and at least a second', async () => {
    expect(
      indexBuildingRetryMs(await answered(503, { 'Retry-After': '3600' })),
    ).toBe(60_000);
    expect(
      indexBuildingRetryMs(await answered(503, { 'Retry-After': '0' })),
    ).toBe(1_000);
  });

  it('leaves any other error to be shown', async () => {
    expect(
      indexBuildingRetryMs(await answered(500, { 'Retry-After': '5' })),
    ).toBeUndefined();
    expect(indexBuildingRetryMs(await answered(404))).toBeUndefined();
    expect(
      indexBuildingRetryMs(new Error('503 still building')),
    ).toBeUndefined();
  });
});
