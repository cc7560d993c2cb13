import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  makeStyles,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  cardTitleAsHeading,
  WholeWordTable,
} from '@meshwork/plugin-data-products-react';
import {
  formatDuration,
  declaredJobsOf,
  formatTime,
  type DataProductEntityV1alpha1,
  type DeclaredJob,
} from '@meshwork/plugin-data-products-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { lineageApiRef } from '../../api';
import {
  describeExtractionProblem,
  extractionProblemOf,
} from '../../graph/extractionProblem';
import { runStartOf } from '../../graph/runStartOf';
import { RunStateChip } from '../RunStateChip';
import { loadProductRuns } from './loadProductRuns';

const RUNS_SHOWN = 15;

const useStyles = makeStyles(theme => ({
  // Doubled to outrank the theme's stripe on odd rows, which hid it there.
  failed: { '&&': { background: theme.palette.errorBackground } },
}));

/** The card of one product. */
const RunsOf = ({
  entityRef,
  outputPorts,
  namedJobs,
}: {
  entityRef: string;
  outputPorts: DataProductEntityV1alpha1['spec']['outputPorts'];
  namedJobs: DeclaredJob[];
}) => {
  const classes = useStyles();
  const lineageApi = useApi(lineageApiRef);
  const runs = useAsync(
    async () =>
      (
        await loadProductRuns(
          lineageApi,
          entityRef,
          outputPorts,
          RUNS_SHOWN,
          namedJobs,
        )
      ).slice(0, RUNS_SHOWN),
    [lineageApi, entityRef, outputPorts, namedJobs],
  );
  // Output ports or named jobs changed in the catalog load the runs again:
  // meanwhile the last ones' runs or error are still held.
  const value = runs.loading ? undefined : runs.value;
  return (
    <InfoCard title="Recent runs" titleTypographyProps={cardTitleAsHeading}>
      {runs.loading && <Progress />}
      {!runs.loading && runs.error && <ResponseErrorPanel error={runs.error} />}
      {value?.length === 0 && (
        <Typography>
          No runs of this product's jobs have been reported.
        </Typography>
      )}
      {!!value?.length && (
        <WholeWordTable size="small" aria-label="Recent runs">
          <TableHead>
            <TableRow>
              <TableCell>State</TableCell>
              <TableCell>Job</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Ended</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell align="right">Rows written</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(run => {
              const failed = run.state === 'FAIL' || run.state === 'ABORT';
              const started = runStartOf(run);
              const durationMs =
                started && run.endedAt
                  ? Date.parse(run.endedAt) - Date.parse(started)
                  : undefined;
              const incomplete = extractionProblemOf(run);
              return (
                <TableRow
                  key={run.runId}
                  className={failed ? classes.failed : undefined}
                  data-state={run.state}
                >
                  <TableCell>
                    <RunStateChip state={run.state} />
                    {run.errorMessage && (
                      <Typography variant="caption" component="div">
                        {run.errorMessage}
                      </Typography>
                    )}
                    {incomplete && (
                      // The product's lineage lacks what the producer could
                      // not extract: say so, lest it be trusted whole.
                      <Typography variant="caption" component="div">
                        <strong>{describeExtractionProblem(incomplete)}</strong>
                        {incomplete.message && <div>{incomplete.message}</div>}
                        {incomplete.task && (
                          <div>
                            Statement: <code>{incomplete.task}</code>
                          </div>
                        )}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {run.job}
                    {run.named && (
                      // Says why a run writing no port is the product's.
                      <Typography variant="caption" component="div">
                        {run.childOf
                          ? `a task of ${run.childOf}, named by the product`
                          : 'named by the product'}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{started ? formatTime(started) : '—'}</TableCell>
                  <TableCell>
                    {run.endedAt ? formatTime(run.endedAt) : '—'}
                  </TableCell>
                  <TableCell>
                    {durationMs !== undefined && durationMs >= 0
                      ? formatDuration(durationMs)
                      : '—'}
                  </TableCell>
                  <TableCell align="right">
                    {run.rowsWritten?.toLocaleString('en-US') ?? '—'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </WholeWordTable>
      )}
    </InfoCard>
  );
};

/** The product's recent pipeline runs; failed ones stand out with their error. */
export const ProductRunsCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const entityRef = stringifyEntityRef(entity);
  // Parsed anew, the jobs would load the runs again on every render.
  const namedJobs = useMemo(() => declaredJobsOf(entity), [entity]);
  // Backstage keeps the page mounted when a link opens another product:
  // mounted afresh for each, the card shows nothing of the last one's while
  // the next one's loads.
  return (
    <RunsOf
      key={entityRef}
      entityRef={entityRef}
      outputPorts={entity.spec.outputPorts}
      namedJobs={namedJobs}
    />
  );
};
