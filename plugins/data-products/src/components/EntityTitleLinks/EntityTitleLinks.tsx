import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';

/**
 * Entities as links by their titles, separated by commas, in place of the
 * catalog's `EntityRefLinks`. Each link is its title as text: the catalog's
 * own name box is an inline block, after which browsers break lines, and a
 * comma then starts the next line.
 */
export function EntityTitleLinks(props: {
  entityRefs: Array<Entity | string>;
}) {
  return (
    <>
      {props.entityRefs.map((entityRef, i) => {
        const ref =
          typeof entityRef === 'string'
            ? entityRef
            : stringifyEntityRef(entityRef);
        return (
          <Fragment key={`${i}.${ref}`}>
            {i > 0 && ', '}
            <EntityTitleLink entityRef={entityRef} />
          </Fragment>
        );
      })}
    </>
  );
}

function EntityTitleLink(props: { entityRef: Entity | string }) {
  const { primaryTitle } = useEntityPresentation(props.entityRef);
  return <EntityRefLink entityRef={props.entityRef} title={primaryTitle} />;
}
