/**
 * Where a support channel links: `mailto:` for an email address, the
 * address itself when it is a URL with a scheme; none for anything else (a
 * Slack channel written `#data-help`), which would otherwise become a link
 * within the page.
 */
export function channelHref(channel: {
  type: string;
  url: string;
}): string | undefined {
  if (channel.type === 'email' && !/^mailto:/i.test(channel.url)) {
    return `mailto:${channel.url}`;
  }
  return /^[a-z][a-z\d+.-]*:/i.test(channel.url) ? channel.url : undefined;
}
