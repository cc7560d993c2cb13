/** Schemes a support channel may link to: web pages, mail, phones, chat apps. */
const LINKED = /^(https?|mailto|tel|slack|msteams):/i;

/**
 * Where a support channel links: `mailto:` for an email address written
 * bare, the address itself when its scheme is one people follow; none for
 * anything else (a Slack channel written `#data-help`, which would become a
 * link within the page, or a script URL, which Backstage's Link refuses).
 */
export function channelHref(channel: {
  type: string;
  url: string;
}): string | undefined {
  if (LINKED.test(channel.url)) return channel.url;
  const scheme = /^[a-z][a-z\d+.-]*:/i.test(channel.url);
  return channel.type === 'email' && !scheme && channel.url.includes('@')
    ? `mailto:${channel.url}`
    : undefined;
}
