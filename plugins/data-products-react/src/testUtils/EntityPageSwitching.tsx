import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ReactNode, useState } from 'react';

/**
 * `children` on `first`'s entity page, then, once "Open next" is clicked,
 * on `next`'s: Backstage reuses a mounted page when a link (or a refresh)
 * opens another entity.
 */
export const EntityPageSwitching = (props: {
  first: Entity;
  next: Entity;
  children: ReactNode;
}) => {
  const [entity, setEntity] = useState(props.first);
  return (
    <EntityProvider entity={entity}>
      <button onClick={() => setEntity(props.next)}>Open next</button>
      {props.children}
    </EntityProvider>
  );
};
