import {
  Chip,
  TableCell,
  Tooltip,
  Typography,
  withStyles,
} from '@material-ui/core';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import { ProductStatus, ProductStatuses } from '../../api';
import { BreachingChip } from '../BreachingChip';

/**
 * The medal beside a level. Only the icon is coloured: no one colour reads
 * as text on both the light and the dark theme, so the level's words keep
 * the theme's text colour.
 */
const LEVEL_COLOURS: Record<string, string> = {
  gold: '#d4a017',
  silver: '#a8a9ad',
  bronze: '#cd7f32',
};

/**
 * A chip whose label wraps between words, as a table cell's text does: the
 * SLOs a product breaches ("Breaching freshness objective") on one line
 * widened the column enough to push the last one past a laptop's screen.
 */
const WrappingChip = withStyles({
  root: { height: 'auto', minHeight: 24 },
  label: { whiteSpace: 'normal', paddingTop: 2, paddingBottom: 2 },
})(BreachingChip);

const loadingNote = (
  <Typography variant="body2" color="textSecondary">
    Loading…
  </Typography>
);

/** A product's SLO status and governance level, as two table cells. */
export function ProductStatusCells(props: {
  status?: ProductStatus;
  statuses?: ProductStatuses;
}) {
  const { status, statuses } = props;
  const slo = status?.slo;
  const scorecard = status?.scorecard;
  let sloCell;
  // What the status says nothing about: ports unseen, SLOs not judged.
  const unseenCount = slo?.unobserved.length ?? 0;
  const unjudgedCount = slo?.unjudged.length ?? 0;
  const aside = [
    unseenCount
      ? `${unseenCount} port${unseenCount > 1 ? 's' : ''} unseen`
      : '',
    unjudgedCount ? `${unjudgedCount} not judged` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const asideNote = [
    unseenCount ? `No events yet for ${slo!.unobserved.join(', ')}` : '',
    unjudgedCount ? `Not judged: ${slo!.unjudged.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('. ');
  if (statuses && !statuses.sloAvailable) {
    sloCell = 'unavailable';
  } else if (slo?.status === 'breaching') {
    sloCell = (
      <Tooltip
        title={[`Breaching: ${slo.breaching.join(', ')}`, asideNote]
          .filter(Boolean)
          .join('. ')}
      >
        <span>
          <WrappingChip label={`Breaching ${slo.breaching.join(', ')}`} />
          {aside && `; ${aside}`}
        </span>
      </Tooltip>
    );
  } else if (slo && aside) {
    sloCell = (
      <Tooltip title={asideNote}>
        <span>{`${
          slo.status === 'ok' ? 'Met' : 'Not measured'
        }; ${aside}`}</span>
      </Tooltip>
    );
  } else if (slo?.status === 'ok') {
    sloCell = 'Met';
  } else if (statuses) {
    sloCell = 'Not measured';
  } else {
    sloCell = loadingNote;
  }
  let levelCell;
  if (statuses && !statuses.scorecardsAvailable) {
    levelCell = 'unavailable';
  } else if (scorecard) {
    levelCell = (
      <Chip
        size="small"
        variant="outlined"
        icon={
          // Level `none` earns no medal.
          LEVEL_COLOURS[scorecard.level] ? (
            <EmojiEventsIcon
              style={{ color: LEVEL_COLOURS[scorecard.level] }}
            />
          ) : undefined
        }
        label={`${scorecard.level} · ${scorecard.score}`}
      />
    );
  } else if (statuses) {
    levelCell = 'Not evaluated';
  } else {
    levelCell = loadingNote;
  }
  return (
    <>
      <TableCell>{sloCell}</TableCell>
      <TableCell>{levelCell}</TableCell>
    </>
  );
}
