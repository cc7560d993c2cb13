import { InfoCard, Link, MarkdownContent } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import {
  DataProductEntityV1alpha1,
  describeSlos,
  domainRefOf,
  ownerRefOf,
} from '@meshwork/plugin-data-products-common';
import { ReactNode } from 'react';
import { DeprecationWarning } from './DeprecationWarning';
import {
  cardTitleAsHeading,
  useErrorTextStyles,
} from '@meshwork/plugin-data-products-react';

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={6} md={3}>
      <Typography variant="overline" color="textSecondary">
        {props.label}
      </Typography>
      <Typography component="div">{props.children}</Typography>
    </Grid>
  );
}

/** Schemes a description's links may open. */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * A description's link as the card opens it, or '' to show it as text: a
 * bucket (`s3://…`) or a database (`postgres://…`) is no page to open, and
 * Backstage's Link throws on the `javascript:` that markdown would make of
 * it. Browsers read a scheme past spaces and control characters.
 */
function linkUriOrText(href: string): string {
  const compact = [...href].filter(char => char > ' ').join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1].toLowerCase();
  return scheme === undefined || LINK_SCHEMES.has(scheme) ? href : '';
}

/**
 * What a data product is: whether it is deprecated, its description
 * (markdown, never raw HTML), where it sits in the mesh, and its declared
 * SLOs in plain words.
 */
export const DataProductOverviewCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const { metadata, spec } = entity;
  const slos = describeSlos(spec.slos);
  const errorText = useErrorTextStyles();
  return (
    <InfoCard title="Data product" titleTypographyProps={cardTitleAsHeading}>
      {spec.lifecycle === 'deprecated' && (
        <Box mb={2}>
          <DeprecationWarning entity={entity} />
        </Box>
      )}
      {metadata.description ? (
        <MarkdownContent
          content={metadata.description}
          dialect="common-mark"
          transformLinkUri={linkUriOrText}
        />
      ) : (
        <Typography className={errorText.root}>
          No description: consumers cannot tell what this product holds.
        </Typography>
      )}
      <Box mt={2}>
        <Grid container spacing={2}>
          <Field label="Domain">
            <EntityRefLink entityRef={domainRefOf(entity)} />
          </Field>
          <Field label="Owner">
            <EntityRefLink entityRef={ownerRefOf(entity)} />
          </Field>
          <Field label="Type">{spec.type}</Field>
          <Field label="Tier">{spec.tier}</Field>
          <Field label="Lifecycle">{spec.lifecycle}</Field>
          <Field label="Version">{spec.version}</Field>
          <Field label="Tags">
            {(metadata.tags ?? []).length
              ? metadata.tags!.map(tag => (
                  <Chip key={tag} label={tag} size="small" />
                ))
              : 'None'}
          </Field>
          <Field label="Links">
            {(metadata.links ?? []).length
              ? metadata.links!.map(link => (
                  <div key={link.url}>
                    <Link to={link.url}>{link.title ?? link.url}</Link>
                  </div>
                ))
              : 'None'}
          </Field>
        </Grid>
      </Box>
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Service levels
        </Typography>
        {slos.length ? (
          <ul aria-label="Declared SLOs">
            {slos.map(sentence => (
              <li key={sentence}>
                <Typography>{sentence}</Typography>
              </li>
            ))}
          </ul>
        ) : (
          <Typography className={errorText.root}>No SLOs declared.</Typography>
        )}
      </Box>
    </InfoCard>
  );
};
