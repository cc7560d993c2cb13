import { Link } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { useDomainFilter } from '../useDomainFilter';

/**
 * A domain as the catalog presents it (its title, else its name), linked to
 * this page showing its products' scores: its catalog page shows none.
 */
export function DomainLink(props: { domain: string }) {
  const { linkTo } = useDomainFilter();
  return (
    <Link to={linkTo(props.domain)}>
      <EntityDisplayName entityRef={props.domain} defaultKind="domain" />
    </Link>
  );
}
