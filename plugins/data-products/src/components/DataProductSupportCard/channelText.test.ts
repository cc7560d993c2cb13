import { channelText } from './channelText';

describe('channelText', () => {
  it.each([
    ['mailto:data@example.com', 'data@example.com'],
    ['MAILTO:data@example.com', 'data@example.com'],
    ['mailto:data%2Bhelp@example.com?subject=Orders', 'data+help@example.com'],
    ['tel:+1-555-0100', '+1-555-0100'],
    ['tel:+1%20555%200100', '+1 555 0100'],
    // Not percent-encoded, though it looks it.
    ['mailto:100%@example.com', '100%@example.com'],
    // No address before the query: the link as written says most.
    ['mailto:?to=data@example.com', 'mailto:?to=data@example.com'],
    [
      'https://slack.example/archives/orders',
      'https://slack.example/archives/orders',
    ],
    ['slack://channel?team=T1&id=C2', 'slack://channel?team=T1&id=C2'],
  ])('shows %s as %s', (url, text) => {
    expect(channelText(url)).toBe(text);
  });
});
