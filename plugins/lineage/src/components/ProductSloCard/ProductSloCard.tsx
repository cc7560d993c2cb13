import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Box,
  makeStyles,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Theme,
  Typography,
  useMediaQuery,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  cardTitleAsHeading,
  WholeWordTable,
} from '@meshwork/plugin-data-products-react';
import {
  formatDuration,
  formatTime,
  type DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import { useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { lineageApiRef, SloStatus } from '../../api';
import { loadProductRuns } from '../ProductRunsCard/loadProductRuns';
import { StatusLabel } from '../StatusLabel';
import { SloRow, sloRows } from './sloRows';

const RUNS_CONSIDERED = 50;
/** How often the card measures again while shown. */
export const REFRESH_MS = 60_000;
const DAY_MS = 86_400_000;

const useStyles = makeStyles(theme => ({
  // Doubled to outrank the theme's stripe on odd rows, which hid it there.
  // The pink stays pink in a dark theme: its text, white there, turns the
  // theme's error text, which reads on it in either theme. Cells and what
  // they hold (captions, secondary text, links) each set their own colour.
  breached: {
    '&&': { background: theme.palette.errorBackground },
    '& td, & td *': { color: theme.palette.errorText },
  },
  // A port's name whole: `order-lines` would break after its hyphen.
  name: { whiteSpace: 'nowrap' },
}));

const StatusLight = ({ status }: { status: SloStatus }) => {
  if (status === 'breached') {
    return <StatusLabel status="error">breaching</StatusLabel>;
  }
  if (status === 'met') return <StatusLabel status="ok">met</StatusLabel>;
  return <StatusLabel status="warning">unknown</StatusLabel>;
};

/** The run or reason behind a breach. */
const Cause = ({ cause }: { cause: NonNullable<SloRow['cause']> }) => (
  <>
    <Typography variant="body2">{cause.note}</Typography>
    {cause.run && (
      <Typography variant="caption" component="div">
        {cause.run.job} run {cause.run.runId.slice(0, 8)},{' '}
        {cause.run.state.toLocaleLowerCase('en-US')}{' '}
        {formatTime(cause.run.endedAt ?? cause.run.firstEventAt)}
        {cause.run.errorMessage && `: ${cause.run.errorMessage}`}
      </Typography>
    )}
  </>
);

/** The product's SLOs as measured from lineage, and what caused any breach. */
export const ProductSloCard = () => {
  const classes = useStyles();
  // Six columns run past a card beside the page's side column below a
  // laptop's width: the port goes under the SLO, attainment and cause under
  // the last value.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const lineageApi = useApi(lineageApiRef);
  const entityRef = stringifyEntityRef(entity);
  const measured = useAsyncRetry(async () => {
    const [slo, { runs, runsError }] = await Promise.all([
      lineageApi.slo(entityRef),
      // The runs only tell the causes: without them the SLOs still show.
      loadProductRuns(
        lineageApi,
        entityRef,
        entity.spec.outputPorts,
        RUNS_CONSIDERED,
      ).then(
        loaded => ({ runs: loaded, runsError: undefined }),
        (error: unknown) => ({
          runs: [],
          runsError: error instanceof Error ? error.message : String(error),
        }),
      ),
    ]);
    return {
      entityRef,
      slo,
      runsError,
      unobserved: slo.outputPorts.filter(p => !p.observed),
      rows: slo.outputPorts.flatMap(port => sloRows(port, runs, slo.windowMs)),
    };
  }, [lineageApi, entityRef]);
  // On a page left open, a write's age and the statuses it decides change.
  useInterval(measured.retry, REFRESH_MS);
  // A failed refresh drops the async state's value: this product's last
  // measurement stays shown, under a warning, until one succeeds again.
  const lastMeasured = useRef(measured.value);
  if (measured.value) lastMeasured.current = measured.value;
  const value =
    lastMeasured.current?.entityRef === entityRef
      ? lastMeasured.current
      : undefined;
  return (
    <InfoCard
      title="SLO status"
      titleTypographyProps={cardTitleAsHeading}
      subheader={
        value &&
        `Measured ${formatTime(value.slo.measuredAt)} over ${describeWindow(
          value.slo.windowMs,
        )}`
      }
    >
      {measured.loading && !value && <Progress />}
      {measured.error && value && (
        <Alert severity="warning">
          The latest refresh failed: {measured.error.message}. The figures below
          were measured {formatTime(value.slo.measuredAt)}.
        </Alert>
      )}
      {measured.error && !value && (
        <ResponseErrorPanel error={measured.error} />
      )}
      {value?.runsError && (
        <Typography variant="body2" color="error">
          The runs behind any breach could not be loaded: {value.runsError}
        </Typography>
      )}
      {value?.unobserved.map(port => (
        <Typography key={port.name} variant="body2" color="textSecondary">
          {port.name}: {port.message}
        </Typography>
      ))}
      {value && value.rows.length === 0 && value.unobserved.length === 0 && (
        <Typography>This product declares no measurable SLOs.</Typography>
      )}
      {!!value?.rows.length && (
        <WholeWordTable size="small" aria-label="SLO status">
          <TableHead>
            <TableRow>
              <TableCell>SLO</TableCell>
              {!narrow && <TableCell>Port</TableCell>}
              <TableCell>Status</TableCell>
              <TableCell>Last value</TableCell>
              {!narrow && (
                <>
                  <TableCell>Attainment</TableCell>
                  <TableCell>Cause</TableCell>
                </>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.rows.map(row => (
              <TableRow
                key={`${row.port}:${row.slo}`}
                className={
                  row.status === 'breached' ? classes.breached : undefined
                }
              >
                <TableCell>
                  {row.slo}
                  {narrow && (
                    <Typography variant="body2" color="textSecondary">
                      port <span className={classes.name}>{row.port}</span>
                    </Typography>
                  )}
                </TableCell>
                {!narrow && <TableCell>{row.port}</TableCell>}
                <TableCell>
                  <StatusLight status={row.status} />
                </TableCell>
                <TableCell>
                  {row.lastValue}
                  {narrow && row.attainment && (
                    <Typography variant="body2" color="textSecondary">
                      attainment {row.attainment}
                    </Typography>
                  )}
                  {narrow && row.cause && (
                    <Box mt={1}>
                      <Cause cause={row.cause} />
                    </Box>
                  )}
                </TableCell>
                {!narrow && (
                  <>
                    <TableCell>{row.attainment ?? '—'}</TableCell>
                    <TableCell>
                      {row.cause ? <Cause cause={row.cause} /> : '—'}
                    </TableCell>
                  </>
                )}
              </TableRow>
            ))}
          </TableBody>
        </WholeWordTable>
      )}
    </InfoCard>
  );
};

/** `7 days`, `1 day`; a window not in whole days as `6h`, `1d 12h`. */
function describeWindow(ms: number): string {
  const days = ms / DAY_MS;
  if (!Number.isInteger(days)) return formatDuration(ms);
  return days === 1 ? '1 day' : `${days} days`;
}
