import { dailyTrend, domainRollups } from '../__testUtils__/fixtures';
import { backendErrorBody } from '../__testUtils__/backendError';
import { GovernanceClient } from './GovernanceClient';

const BASE = 'http://localhost:7007/api/governance';

/** A client over a backend that answers `body` with `status`, recording URLs. */
function clientAnswering(body: unknown, status = 200) {
  const urls: string[] = [];
  const inits: (RequestInit | undefined)[] = [];
  const client = new GovernanceClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        urls.push(String(input));
        inits.push(init);
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        });
      },
    },
  });
  return { client, urls, inits };
}

describe('GovernanceClient', () => {
  it('grants and revokes exemptions with JSON bodies, the id URL-encoded', async () => {
    const { client, urls, inits } = clientAnswering({ id: 'ex-1' }, 201);
    const request = {
      entityRef: 'dataproduct:default/returns',
      checkId: 'runbook-present',
      justification: 'Wiki move.',
      approver: 'user:default/ana',
      expiresAt: '2027-01-31T23:59:59Z',
    };
    expect(await client.grantExemption(request)).toEqual({ id: 'ex-1' });
    await client.revokeExemption('ex/1', 'Runbook written.');
    expect(urls).toEqual([
      `${BASE}/exemptions`,
      `${BASE}/exemptions/ex%2F1/revoke`,
    ]);
    expect(
      inits.map(init => ({
        method: init?.method,
        contentType: (init?.headers as Record<string, string>)['Content-Type'],
        body: JSON.parse(String(init?.body)),
      })),
    ).toEqual([
      { method: 'POST', contentType: 'application/json', body: request },
      {
        method: 'POST',
        contentType: 'application/json',
        body: { reason: 'Runbook written.' },
      },
    ]);
  });

  it("turns a refused grant into a ResponseError carrying the backend's message", async () => {
    const { client } = clientAnswering(
      backendErrorBody(400, 'InputError', 'justification: must say why'),
      400,
    );
    await expect(
      client.grantExemption({
        entityRef: 'dataproduct:default/returns',
        checkId: 'runbook-present',
        justification: ' ',
        approver: 'user:default/ana',
        expiresAt: '2027-01-31T23:59:59Z',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      cause: { message: 'justification: must say why' },
    });
  });

  it('asks for rollups by domain or team', async () => {
    const { client, urls } = clientAnswering(domainRollups);
    expect(await client.getRollups('domains')).toEqual(domainRollups);
    await client.getRollups('teams');
    expect(urls).toEqual([`${BASE}/rollups/domains`, `${BASE}/rollups/teams`]);
  });

  it('asks for the trend by day or hour, from a time if given', async () => {
    const { client, urls } = clientAnswering(dailyTrend);
    expect(await client.getTrend('day')).toEqual(dailyTrend);
    await client.getTrend('hour', new Date('2026-11-22T05:00:00.000Z'));
    expect(urls).toEqual([
      `${BASE}/history?by=day`,
      `${BASE}/history?by=hour&from=2026-11-22T05%3A00%3A00.000Z`,
    ]);
  });

  it('filters exemptions only as asked', async () => {
    const { client, urls } = clientAnswering([]);
    await client.listExemptions();
    await client.listExemptions({ state: 'active', expiringWithinDays: 30 });
    expect(urls).toEqual([
      `${BASE}/exemptions`,
      `${BASE}/exemptions?state=active&expiringWithinDays=30`,
    ]);
  });

  it('filters exemptions by product, URL-encoded', async () => {
    const { client, urls } = clientAnswering([]);
    await client.listExemptions({
      entityRef: 'dataproduct:default/returns&co',
      state: 'all',
    });
    expect(urls).toEqual([
      `${BASE}/exemptions?entityRef=dataproduct%3Adefault%2Freturns%26co&state=all`,
    ]);
  });

  it("asks for a product's history by its lower-case ref", async () => {
    const history = [
      {
        evaluatedAt: '2026-11-24T05:00:00.000Z',
        score: 82,
        level: 'silver',
        failing: 1,
      },
    ];
    const { client, urls } = clientAnswering(history);
    expect(
      await client.getHistory({
        kind: 'DataProduct',
        namespace: 'default',
        name: 'Returns/EU',
      }),
    ).toEqual(history);
    expect(urls).toEqual([`${BASE}/history/dataproduct/default/returns%2Feu`]);
  });

  it('turns an error answer to a history request into a ResponseError', async () => {
    const { client } = clientAnswering(
      {
        error: { name: 'InputError', message: 'from: expected a time' },
        request: { method: 'GET', url: '/history/dataproduct/default/returns' },
        response: { statusCode: 400 },
      },
      400,
    );
    await expect(
      client.getHistory({
        kind: 'DataProduct',
        namespace: 'default',
        name: 'returns',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      body: { error: { message: 'from: expected a time' } },
    });
  });

  it('lists scorecards and checks', async () => {
    const { client, urls } = clientAnswering([]);
    await client.listScorecards();
    await client.listScorecards({ domain: 'domain:default/sales' });
    await client.listChecks();
    await client.getExemptionGrantors({
      kind: 'DataProduct',
      namespace: 'default',
      name: 'Returns',
    });
    expect(urls).toEqual([
      `${BASE}/scorecards`,
      `${BASE}/scorecards?domain=domain%3Adefault%2Fsales`,
      `${BASE}/checks`,
      `${BASE}/grantors/dataproduct/default/returns`,
    ]);
  });

  it('turns an error response into a ResponseError', async () => {
    const { client } = clientAnswering(
      {
        error: { name: 'InputError', message: 'by: expected one of day, hour' },
        request: { method: 'GET', url: '/history' },
        response: { statusCode: 400 },
      },
      400,
    );
    await expect(client.getTrend('day')).rejects.toMatchObject({
      name: 'ResponseError',
      body: { error: { message: 'by: expected one of day, hour' } },
    });
  });

  it('says a product without a scorecard has none', async () => {
    const { client, urls } = clientAnswering({}, 404);
    expect(
      await client.getScorecard({
        kind: 'DataProduct',
        namespace: 'default',
        name: 'Returns',
      }),
    ).toBeUndefined();
    expect(urls).toEqual([`${BASE}/scorecards/dataproduct/default/returns`]);
  });
});
