import { runbookLinkIndex, runbookOf } from './runbookOf';

const product = (support: object, links?: object[]) =>
  ({
    metadata: { name: 'orders', links },
    spec: { support },
  } as any);

describe('runbookOf', () => {
  it('prefers spec.support.runbook to a runbook link', () => {
    expect(
      runbookOf(
        product({ runbook: 'https://runbooks.example/orders' }, [
          { type: 'runbook', url: 'https://wiki.example/orders' },
        ]),
      ),
    ).toBe('https://runbooks.example/orders');
  });

  it('takes the first link of type runbook otherwise', () => {
    expect(
      runbookOf(
        product({}, [
          { type: 'dashboard', url: 'https://grafana.example/orders' },
          { type: 'runbook', url: 'https://wiki.example/orders' },
          { type: 'runbook', url: 'https://wiki.example/other' },
        ]),
      ),
    ).toBe('https://wiki.example/orders');
    expect(runbookOf(product({}))).toBeUndefined();
  });

  it('takes a link of type runbook in any case', () => {
    expect(
      runbookOf(
        product({}, [{ type: 'Runbook', url: 'https://wiki.example/orders' }]),
      ),
    ).toBe('https://wiki.example/orders');
  });

  it('takes a link titled runbook when no link has the type', () => {
    expect(
      runbookOf(
        product({}, [
          { title: 'Dashboard', url: 'https://grafana.example/orders' },
          { title: 'Runbook', url: 'https://wiki.example/orders' },
        ]),
      ),
    ).toBe('https://wiki.example/orders');
    expect(
      runbookOf(
        product({}, [
          { title: 'runbook', url: 'https://wiki.example/old' },
          { type: 'RUNBOOK', url: 'https://wiki.example/orders' },
        ]),
      ),
    ).toBe('https://wiki.example/orders');
  });
});

describe('runbookLinkIndex', () => {
  it('tells where the runbook link is, as validation reports it by', () => {
    expect(
      runbookLinkIndex([
        { title: 'Runbook', url: 'https://wiki.example/old' },
        { type: 'dashboard', url: 'https://grafana.example/orders' },
        { type: 'Runbook', url: 'https://wiki.example/orders' },
      ]),
    ).toBe(2);
    expect(
      runbookLinkIndex([
        { type: 'dashboard', url: 'https://grafana.example/orders' },
        { title: 'runbook', url: 'https://wiki.example/orders' },
      ]),
    ).toBe(1);
    expect(
      runbookLinkIndex([{ type: 'dashboard', url: 'https://x.example' }]),
    ).toBe(-1);
  });

  it('reads links not yet validated, of any shape', () => {
    expect(
      runbookLinkIndex([
        null,
        'runbook',
        { type: 7, title: ['Runbook'] },
        { type: 'runbook', url: 'https://wiki.example/orders' },
      ]),
    ).toBe(3);
    expect(runbookLinkIndex('https://wiki.example/orders')).toBe(-1);
    expect(runbookLinkIndex(undefined)).toBe(-1);
  });
});
