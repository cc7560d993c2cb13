import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { formatTime } from '@meshwork/plugin-data-products-common';
import { schemaFieldsOf } from '@meshwork/plugin-lineage-common';
import { useEffect, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { lineageApiRef } from '../../api';
import { taskCount } from '../../graph/collapseParentJobs';
import type { ViewNode } from '../../graph/types';
import { RunStateChip } from '../RunStateChip';
import { runStartOf } from '../../graph/runStartOf';
import {
  describeExtractionProblem,
  extractionProblemOf,
} from '../../graph/extractionProblem';
import { otherNamesOf } from '../../graph/otherNamesOf';
import { nodeKind, NodeKind } from '../../graph/nodeKind';
import { rootRouteRef } from '../../routes';

type Props = {
  node: ViewNode;
  expanded: boolean;
  onToggleExpand?: () => void;
  /** A parent job's collapsed tasks: show them again. */
  onExpandTasks?: () => void;
  /** A task whose parent job was expanded: collapse it again. */
  onCollapseIntoParent?: () => void;
  /** On Close, or Escape anywhere in the panel. */
  onClose: () => void;
  /**
   * Moves focus to the panel's heading when it changes, unless 0: a node
   * opened from the keyboard is read out at once, not after every other
   * node's Tab stop.
   */
  focusRequest?: number;
  /** Why the data products of datasets and jobs could not be read, if so. */
  productProblem?: string;
  /** The explorer's settings as address parameters, for the lineage page. */
  pageSettings?: string;
};

/** What one node of the graph is: its product, schema, last run and state. */
export const NodeDetailsPanel = ({
  node,
  expanded,
  onToggleExpand,
  onExpandTasks,
  onCollapseIntoParent,
  onClose,
  productProblem,
  pageSettings,
  focusRequest = 0,
}: Props) => {
  const lineagePage = useRouteRef(rootRouteRef);
  const heading = useRef<HTMLHeadingElement>(null);
  // A streaming job, a service or a stream, as the graph gives its type.
  const kind =
    node.kind === 'product' ? undefined : nodeKind(node.kind, node.marquezType);
  useEffect(() => {
    if (focusRequest) heading.current?.focus();
  }, [focusRequest]);
  const withoutProduct = productProblem
    ? `Its data product could not be read: ${productProblem}`
    : 'Not part of any data product';
  return (
    <Paper
      variant="outlined"
      role="region"
      aria-label={`Details of ${node.label}`}
      onKeyDown={event => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <Box p={2} display="flex" flexDirection="column" style={{ gap: 8 }}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography
            variant="h6"
            ref={heading}
            // Focusable by script alone, not a Tab stop.
            tabIndex={-1}
            style={{ flex: 1, wordBreak: 'break-all' }}
          >
            {node.label}
          </Typography>
          <Button size="small" onClick={onClose}>
            Close
          </Button>
        </Box>
        {!kind ? (
          <Typography>
            Data product <EntityRefLink entityRef={node.id} />
          </Typography>
        ) : (
          <>
            <Typography variant="body2" color="textSecondary">
              {kind.label} in {node.detail}
              {node.tasks && `, ${taskCount(node.tasks)} collapsed`}
            </Typography>
            <Typography>
              {node.product ? (
                <>
                  Part of data product{' '}
                  <EntityRefLink
                    entityRef={node.product.entityRef}
                    title={node.product.title}
                  />
                </>
              ) : (
                withoutProduct
              )}
            </Typography>
            <Box display="flex" style={{ gap: 8 }}>
              {onToggleExpand && (
                <Button
                  size="small"
                  variant="outlined"
                  onClick={onToggleExpand}
                >
                  {expanded ? 'Collapse neighbours' : 'Expand neighbours'}
                </Button>
              )}
              {onExpandTasks && (
                <Button size="small" variant="outlined" onClick={onExpandTasks}>
                  Expand tasks
                </Button>
              )}
              {onCollapseIntoParent && (
                <Button
                  size="small"
                  variant="outlined"
                  onClick={onCollapseIntoParent}
                >
                  Collapse into parent job
                </Button>
              )}
              {lineagePage && (
                <Button
                  size="small"
                  component={Link}
                  to={`${lineagePage()}?node=${encodeURIComponent(node.id)}${
                    pageSettings ? `&${pageSettings}` : ''
                  }`}
                >
                  Open lineage page
                </Button>
              )}
            </Box>
            {node.kind === 'dataset' ? (
              <DatasetDetails
                nodeId={node.id}
                kind={kind}
                pageSettings={pageSettings}
              />
            ) : (
              <JobDetails nodeId={node.id} kind={kind} />
            )}
          </>
        )}
      </Box>
    </Paper>
  );
};

function DatasetDetails({
  nodeId,
  kind,
  pageSettings,
}: {
  nodeId: string;
  kind: NodeKind;
  pageSettings?: string;
}) {
  const lineageApi = useApi(lineageApiRef);
  const lineagePage = useRouteRef(rootRouteRef);
  const { value, loading, error } = useAsync(
    () => lineageApi.dataset(nodeId),
    [lineageApi, nodeId],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  // Facets are returned as the producer sent them.
  const fields = schemaFieldsOf(value?.facets?.schema);
  const otherNames = otherNamesOf(value!);
  return (
    <>
      {otherNames.length > 0 && (
        <>
          <Typography variant="subtitle2">Also known as</Typography>
          <Box component="ul" m={0} pl={2} aria-label="Also known as">
            {otherNames.map(other => (
              <Typography
                component="li"
                variant="body2"
                key={other.id}
                style={{ wordBreak: 'break-all' }}
              >
                {lineagePage ? (
                  <Link
                    to={`${lineagePage()}?node=${encodeURIComponent(other.id)}${
                      pageSettings ? `&${pageSettings}` : ''
                    }`}
                  >
                    {other.name}
                  </Link>
                ) : (
                  other.name
                )}{' '}
                in {other.namespace}
              </Typography>
            ))}
          </Box>
        </>
      )}
      {value!.primary && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ wordBreak: 'break-all' }}
        >
          Its writes and schema are reported under {value!.primary.name} in{' '}
          {value!.primary.namespace}
        </Typography>
      )}
      {value!.dropped && (
        // Its facets, last write and schema outlive the table: say they
        // are of one no longer there.
        <Alert
          severity="warning"
          role="status"
          style={{ overflowWrap: 'anywhere' }}
        >
          {droppedBy(value!.dropped)}
        </Alert>
      )}
      <Typography variant="body2">
        {lastWritten(value!.lastWrite, kind)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Lineage last reported {formatTime(value!.updatedAt)}
      </Typography>
      <Typography variant="subtitle2">Schema</Typography>
      {fields.length ? (
        <Table size="small" aria-label="Schema">
          <TableHead>
            <TableRow>
              <TableCell>Column</TableCell>
              <TableCell>Type</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {fields.map(field => (
              <TableRow key={field.name}>
                <TableCell>{field.name}</TableCell>
                <TableCell>{field.type ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">No schema reported yet.</Typography>
      )}
    </>
  );
}

/** When and by which job a dataset was dropped, as far as known. */
function droppedBy(dropped: { at?: string; job?: { name: string } }): string {
  const when = dropped.at ? ` ${formatTime(dropped.at)}` : '';
  const by = dropped.job ? ` by job ${dropped.job.name}` : '';
  return `Dropped${when}${by}: its last write and schema below are from before`;
}

/** When a completed run last wrote a dataset, or why none has. */
function lastWritten(
  lastWrite: { endedAt: string } | null,
  kind: NodeKind,
): string {
  if (lastWrite) {
    return `Last written ${formatTime(lastWrite.endedAt)} by a completed run`;
  }
  return kind.continuous
    ? 'No completed run has written this stream: streaming jobs write it while they run'
    : 'No batch run has completed writing it (a stream may still write it)';
}

/**
 * The heading of a job's latest run: a streaming job's or service's runs
 * without end, so one not ended is its current run, not a last one.
 */
function runHeading(kind: NodeKind, ended: boolean, task?: string): string {
  if (task) return `Last run of its task ${task}`;
  if (!kind.continuous) return 'Last run';
  return ended ? 'Latest run (ended)' : 'Current run';
}

function JobDetails({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const lineageApi = useApi(lineageApiRef);
  // A parent job (a DAG) whose own events are not sent has no runs: its
  // tasks' latest stands for it.
  const { value, loading, error } = useAsync(async () => {
    const [own] = await lineageApi.runs(nodeId, 1);
    if (own) return { last: own, ofTask: false };
    const [task] = await lineageApi.runs(nodeId, 1, { children: true });
    return { last: task, ofTask: true };
  }, [lineageApi, nodeId]);
  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel
        title={`The runs could not be read: ${error.message}`}
        error={error}
      />
    );
  }
  const last = value?.last;
  if (!last) return <Typography variant="body2">No runs yet.</Typography>;
  const started = runStartOf(last);
  const ended = last.endedAt && formatTime(last.endedAt);
  const incomplete = extractionProblemOf(last);
  return (
    <>
      <Typography variant="subtitle2">
        {runHeading(
          kind,
          Boolean(ended),
          value?.ofTask ? last.childJob?.name : undefined,
        )}
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <RunStateChip state={last.state} />
        <Typography variant="body2">
          {kind.continuous && !ended && started && 'Running since '}
          {started ? formatTime(started) : 'Start unknown'}
          {ended && ` – ${ended}`}
        </Typography>
      </Box>
      {kind.continuous && (
        <Typography variant="body2" color="textSecondary">
          {`A ${kind.label.toLocaleLowerCase(
            'en-US',
          )} runs without end: it writes while it runs, not when a run completes.`}
        </Typography>
      )}
      {last.errorMessage && (
        // Static text, not news: read when reached, not announced.
        <Alert
          severity="error"
          role="status"
          style={{ overflowWrap: 'anywhere' }}
        >
          {last.errorMessage}
        </Alert>
      )}
      {incomplete && (
        // The graph lacks what the producer could not extract: say so, lest
        // it be trusted whole.
        <Alert
          severity="warning"
          role="status"
          style={{ overflowWrap: 'anywhere' }}
        >
          <AlertTitle>{describeExtractionProblem(incomplete)}</AlertTitle>
          {incomplete.message && <div>{incomplete.message}</div>}
          {incomplete.task && (
            <div>
              Statement: <code>{incomplete.task}</code>
            </div>
          )}
        </Alert>
      )}
    </>
  );
}
