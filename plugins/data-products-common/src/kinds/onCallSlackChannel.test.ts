import { onCallSlackChannel } from './onCallSlackChannel';

describe('onCallSlackChannel', () => {
  const oncallChannel = {
    type: 'slack' as const,
    url: 'https://acme.slack.example/archives/checkout-data-oncall',
  };

  it('finds the slack channel whose address names the contact', () => {
    expect(
      onCallSlackChannel('#checkout-data-oncall', [
        {
          type: 'slack',
          url: 'https://acme.slack.example/archives/checkout-data',
        },
        { type: 'email', url: 'mailto:checkout-data-oncall@example.com' },
        oncallChannel,
      ]),
    ).toBe(oncallChannel.url);
    expect(
      onCallSlackChannel(' #Checkout-Data-Oncall ', [
        { type: 'slack', url: `${oncallChannel.url}/` },
      ]),
    ).toBe(`${oncallChannel.url}/`);
  });

  it('takes no other channel for it, not even the only one', () => {
    // The orders product: its one slack channel is where users ask.
    expect(
      onCallSlackChannel('#checkout-data-oncall', [
        {
          type: 'slack',
          url: 'https://acme.slack.example/archives/checkout-data',
        },
      ]),
    ).toBeUndefined();
    expect(
      onCallSlackChannel('#checkout-data-oncall', [
        { type: 'slack', url: 'https://acme.slack.example/archives/C024BE91L' },
      ]),
    ).toBeUndefined();
    // Named so, but written bare or not of type slack.
    expect(
      onCallSlackChannel('#checkout-data-oncall', [
        { type: 'slack', url: '#checkout-data-oncall' },
        { type: 'url', url: oncallChannel.url },
      ]),
    ).toBeUndefined();
  });

  it('links no contact that is not a #channel', () => {
    expect(
      onCallSlackChannel('checkout-data-oncall', [oncallChannel]),
    ).toBeUndefined();
    expect(
      onCallSlackChannel('Checkout data on-call', [oncallChannel]),
    ).toBeUndefined();
    expect(onCallSlackChannel('#checkout-data-oncall')).toBeUndefined();
  });
});
