import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { OnCallContact } from './OnCallContact';

const channels = [
  { type: 'slack' as const, url: 'https://slack.example/archives/orders' },
  {
    type: 'slack' as const,
    url: 'https://slack.example/archives/orders-oncall',
  },
];

describe('OnCallContact', () => {
  it('links a #channel contact to the slack channel whose address names it', async () => {
    await renderInTestApp(
      <OnCallContact contact="#orders-oncall" channels={channels} />,
    );
    expect(screen.getByText('#orders-oncall')).toHaveAttribute(
      'href',
      'https://slack.example/archives/orders-oncall',
    );
  });

  it.each([
    [
      'a mail address',
      'orders-oncall@example.com',
      'mailto:orders-oncall@example.com',
    ],
    [
      'a web page',
      'https://rota.example/orders',
      'https://rota.example/orders',
    ],
  ])('links %s', async (_what, contact, href) => {
    await renderInTestApp(
      <OnCallContact contact={contact} channels={channels} />,
    );
    expect(screen.getByText(contact)).toHaveAttribute('href', href);
  });

  it.each([
    ['a channel no slack channel names', '#payments-oncall', channels],
    ['a channel with no channels given', '#orders-oncall', undefined],
    ['a mail address in a sentence', 'ask orders-oncall@example.com', channels],
    ['a channel written with an address', '#oncall@example.com', channels],
    ['a PagerDuty schedule', 'P123', channels],
  ])('leaves %s as text', async (_what, contact, given) => {
    await renderInTestApp(<OnCallContact contact={contact} channels={given} />);
    expect(screen.getByText(contact).closest('a')).toBeNull();
  });

  it('leaves the contact as text when the channel naming it is a script', async () => {
    // A hostile channel, as a product's YAML may hold one.
    // eslint-disable-next-line no-script-url
    const script = 'javascript:alert(1)//orders-oncall';
    await renderInTestApp(
      <OnCallContact
        contact="#orders-oncall"
        channels={[{ type: 'slack', url: script }]}
      />,
    );
    expect(screen.getByText('#orders-oncall').closest('a')).toBeNull();
  });
});
