import type { DataProductSupport } from './DataProductEntityV1alpha1';

/** The channel a Slack address names last: `…/archives/checkout-data`. */
function channelNamed(url: string): string | undefined {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    return segments.length
      ? decodeURIComponent(segments[segments.length - 1]).toLowerCase()
      : undefined;
  } catch {
    // Not an address: `#checkout-data` written bare links nowhere.
    return undefined;
  }
}

/**
 * The address, among a product's support channels, of the Slack channel an
 * on-call contact written `#name` is: the slack channel whose address names
 * it (`https://acme.slack.com/archives/name`). None otherwise: a support
 * channel is where users ask about the product, so another one, even the
 * only one, is not taken for where on-call is reached.
 */
export function onCallSlackChannel(
  contact: string,
  channels: DataProductSupport['channels'] = [],
): string | undefined {
  const name = /^#([^\s#]+)$/.exec(contact.trim())?.[1].toLowerCase();
  if (!name) return undefined;
  return channels.find(
    channel => channel.type === 'slack' && channelNamed(channel.url) === name,
  )?.url;
}
