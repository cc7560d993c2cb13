import { Chip, TableCell, Tooltip } from '@material-ui/core';
import { ProductStatus, ProductStatuses } from '../../api';

const LEVEL_COLOURS: Record<string, string> = {
  gold: '#b8860b',
  silver: '#708090',
  bronze: '#a0522d',
};

/** A product's SLO status and governance level, as two table cells. */
export function ProductStatusCells(props: {
  status?: ProductStatus;
  statuses?: ProductStatuses;
}) {
  const { status, statuses } = props;
  const slo = status?.slo;
  const scorecard = status?.scorecard;
  let sloCell = null;
  const unseen = slo?.unobserved.length
    ? `${slo.unobserved.length} port${
        slo.unobserved.length > 1 ? 's' : ''
      } unseen`
    : '';
  const unseenNote = slo?.unobserved.length
    ? `No events yet for ${slo.unobserved.join(', ')}`
    : '';
  if (statuses && !statuses.sloAvailable) {
    sloCell = 'unavailable';
  } else if (slo?.status === 'breaching') {
    sloCell = (
      <Tooltip
        title={[`Breaching: ${slo.breaching.join(', ')}`, unseenNote]
          .filter(Boolean)
          .join('. ')}
      >
        <span>
          <Chip
            label={`Breaching ${slo.breaching.join(', ')}`}
            size="small"
            color="secondary"
          />
          {unseen && `; ${unseen}`}
        </span>
      </Tooltip>
    );
  } else if (slo && unseen) {
    sloCell = (
      <Tooltip title={unseenNote}>
        <span>{`${
          slo.status === 'ok' ? 'Met' : 'Not measured'
        }; ${unseen}`}</span>
      </Tooltip>
    );
  } else if (slo?.status === 'ok') {
    sloCell = 'Met';
  } else if (statuses) {
    sloCell = 'Not measured';
  }
  let levelCell = null;
  if (statuses && !statuses.scorecardsAvailable) {
    levelCell = 'unavailable';
  } else if (scorecard) {
    levelCell = (
      <span
        style={{ color: LEVEL_COLOURS[scorecard.level], fontWeight: 500 }}
      >{`${scorecard.level} · ${scorecard.score}`}</span>
    );
  } else if (statuses) {
    levelCell = 'Not evaluated';
  }
  return (
    <>
      <TableCell>{sloCell}</TableCell>
      <TableCell>{levelCell}</TableCell>
    </>
  );
}
