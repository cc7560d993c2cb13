import {
  DataProductSupport,
  onCallSlackChannel,
} from '@meshwork/plugin-data-products-common';
import { channelHref } from '../channelHref';

/** A contact written as a mail address: `orders-oncall@example.com`. */
const MAIL_ADDRESS = /^[^\s@#:/]+@[^\s@/]+\.[^\s@/]+$/;

/** A contact written as a web page: a rota or an incident tool's page. */
const WEB_PAGE = /^https?:\/\/\S+$/i;

/**
 * Where an on-call contact links: the product's Slack channel it names, if
 * its address is one people follow; a mail address or a web page itself;
 * none for anything else, PagerDuty or Opsgenie ids included, whose
 * addresses the product does not give.
 */
export function onCallHref(
  contact: string,
  channels: DataProductSupport['channels'],
): string | undefined {
  const url = onCallSlackChannel(contact, channels);
  if (url) return channelHref({ type: 'slack', url });
  if (MAIL_ADDRESS.test(contact)) return `mailto:${contact}`;
  return WEB_PAGE.test(contact) ? contact : undefined;
}
