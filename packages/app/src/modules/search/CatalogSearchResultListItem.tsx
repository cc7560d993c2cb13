import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import { HighlightedText } from './HighlightedText';
import { matchedIdentifiers } from './matchedIdentifiers';

/** A catalog search document, as the catalog collator indexes it. */
type CatalogSearchResult = {
  title: string;
  text: string;
  location: string;
  kind?: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
};

export type CatalogSearchResultListItemProps = {
  icon?: ReactNode | ((result: CatalogSearchResult) => ReactNode);
  result?: CatalogSearchResult;
  highlight?: {
    preTag: string;
    postTag: string;
    fields: Record<string, string | undefined>;
  };
  lineClamp?: number;
};

const useStyles = makeStyles(
  {
    item: { display: 'flex' },
    flexContainer: { flexWrap: 'wrap' },
    // Lines break between words; a word too long for a line, anywhere.
    itemText: {
      width: '100%',
      overflowWrap: 'anywhere',
      marginBottom: '1rem',
    },
  },
  { name: 'MeshworkCatalogSearchResultListItem' },
);

/**
 * Backstage's catalog search result, but wrapping between words, keeping
 * the spaces between highlighted words and naming the identifiers (such
 * as columns) the query matched.
 */
export function CatalogSearchResultListItem(
  props: CatalogSearchResultListItemProps,
) {
  const { result, highlight } = props;
  const classes = useStyles();
  if (!result) return null;
  const highlighted = (field: 'title' | 'text') => {
    const text = highlight?.fields[field];
    return highlight && text ? (
      <HighlightedText
        text={text}
        preTag={highlight.preTag}
        postTag={highlight.postTag}
      />
    ) : (
      result[field]
    );
  };
  const matched =
    highlight?.fields.terms !== undefined
      ? matchedIdentifiers(
          highlight.fields.terms,
          highlight.preTag,
          highlight.postTag,
        )
      : [];
  const chips = [
    ['Kind', result.kind],
    ['Type', result.type],
    ['Lifecycle', result.lifecycle],
    ['Owner', result.owner],
    ['Matches', matched.join(', ')],
  ].filter(([, value]) => value);
  return (
    <div className={classes.item}>
      {props.icon && (
        <ListItemIcon>
          {typeof props.icon === 'function' ? props.icon(result) : props.icon}
        </ListItemIcon>
      )}
      <div className={classes.flexContainer}>
        <ListItemText
          className={classes.itemText}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {highlighted('title')}
            </Link>
          }
          secondary={
            <Typography
              component="span"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp,
                overflow: 'hidden',
              }}
              color="textSecondary"
              variant="body2"
            >
              {highlighted('text')}
            </Typography>
          }
        />
        <Box>
          {chips.map(([label, value]) => (
            <Chip key={label} label={`${label}: ${value}`} size="small" />
          ))}
        </Box>
      </div>
    </div>
  );
}
