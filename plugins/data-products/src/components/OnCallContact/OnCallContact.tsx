import { Link } from '@backstage/core-components';
import type { DataProductSupport } from '@meshwork/plugin-data-products-common';
import { onCallHref } from './onCallHref';

/**
 * An on-call contact as written, linked where onCallHref finds it leads (the
 * product's Slack channel it names, a mail address, a web page): the one
 * place the finder and the Support card decide what it links to.
 */
export function OnCallContact(props: {
  contact: string;
  channels?: DataProductSupport['channels'];
}) {
  const { contact, channels } = props;
  const href = onCallHref(contact, channels);
  return href ? <Link to={href}>{contact}</Link> : <>{contact}</>;
}
