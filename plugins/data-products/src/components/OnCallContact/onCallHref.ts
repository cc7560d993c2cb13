import {
  DataProductSupport,
  onCallSlackChannel,
} from '@meshwork/plugin-data-products-common';
import { channelHref } from '../channelHref';

/**
 * Where an on-call contact links: the product's Slack channel it names, if
 * its address is one people follow; none for anything else, PagerDuty or
 * Opsgenie ids included, whose addresses the product does not give.
 */
export function onCallHref(
  contact: string,
  channels: DataProductSupport['channels'],
): string | undefined {
  const url = onCallSlackChannel(contact, channels);
  return url ? channelHref({ type: 'slack', url }) : undefined;
}
