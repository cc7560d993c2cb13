import { Alert } from '@material-ui/lab';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Card,
  CardContent,
  Chip,
  Grid,
  InputAdornment,
  Link as MuiLink,
  TextField,
  Typography,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { formatOnCall } from '@meshwork/plugin-data-products-common';
import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import useInterval from 'react-use/esm/useInterval';
import { clientErrorMessage } from './clientErrorMessage';
import { findOnCall, OnCallAnswer, OnCallMatch } from './findOnCall';
import {
  dataProductsApiRef,
  ProductStatuses,
  STATUS_REFRESH_MS,
} from '../../api';
import { BlastRadiusList } from '../BlastRadiusList';
import { BreachingChip } from '../BreachingChip';
import { EntityTitleLinks } from '../EntityTitleLinks';
import { OnCallContact } from '../OnCallContact';
import { SloBreaches } from './SloBreaches';

const MATCH_LABELS: Record<OnCallMatch['on'], string> = {
  product: 'product',
  port: 'port',
  dataset: 'table',
  column: 'column',
  job: 'job',
  jobOutput: 'table its job writes',
  upstreamJob: 'job upstream',
  upstreamTable: 'table upstream',
  readingJob: 'job reading it',
  declaredJob: 'job',
  declaredJobOutput: 'table',
};

/**
 * The SLO statuses of every product, as last read: `error` is that of the
 * latest read, which may have failed after `value` was read.
 */
type Statuses = { error?: Error; value?: ProductStatuses };

/**
 * One search box for on-call: type a table (optionally with its OpenLineage
 * namespace), a job, a product or a column and get the owning product, team, on-call
 * contact, runbook and neighbours while typing, with whether the product is
 * breaching its SLOs now and which products downstream a break reaches.
 */
export const OnCallFinder = () => {
  const catalogApi = useApi(catalogApiRef);
  const dataProductsApi = useApi(dataProductsApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const addressTerm = searchParams.get('q') ?? '';
  const [input, setInput] = useState(addressTerm);
  const [term, setTerm] = useState(input);
  // The term this page last put in the address: another one there came
  // from a link, the sidebar or the back button, and replaces the search.
  const written = useRef(addressTerm);
  useEffect(() => {
    if (addressTerm === written.current) return;
    written.current = addressTerm;
    setInput(addressTerm);
    setTerm(addressTerm);
  }, [addressTerm]);
  useDebounce(
    () => {
      setTerm(input);
      written.current = input;
      setSearchParams(input ? { q: input } : {}, { replace: true });
    },
    120,
    [input],
  );
  const answers = useAsync(
    () => findOnCall(catalogApi, dataProductsApi, term),
    [catalogApi, dataProductsApi, term],
  );
  // Fetched with each search, in parallel with it, so "broken now" is as
  // fresh as the answers; the lineage backend caches the measurements.
  const statuses = useAsyncRetry(
    async () => (term.trim() ? dataProductsApi.statuses() : undefined),
    [dataProductsApi, term],
  );
  // On a page left open, products break and recover: read again each minute.
  useInterval(statuses.retry, term.trim() ? STATUS_REFRESH_MS : null);
  // A failed read drops the async state's value: the last statuses read
  // (of the whole mesh, whatever the term) stay shown until one succeeds.
  const lastStatuses = useRef<ProductStatuses>();
  if (statuses.value) lastStatuses.current = statuses.value;

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <TextField
        fullWidth
        // On-call comes here to type a name at once, and the box is the
        // page's only control: nothing before it is skipped.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        variant="outlined"
        // Its accessible name too (the id ties the two), so that voice
        // control finds it by what it shows.
        id="on-call-search"
        label="Find on-call for a table, job, product or column"
        placeholder="e.g. analytics.checkout.orders, postgres://warehouse.meshwork-retail.example:5432/analytics.checkout.orders or orders.build"
        value={input}
        onChange={event => setInput(event.target.value)}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          ),
        }}
      />
      <Answers
        term={term}
        loading={answers.loading}
        error={answers.error}
        answers={answers.value?.answers}
        total={answers.value?.total ?? 0}
        runtimeError={answers.value?.runtimeError}
        runtimePartial={answers.value?.runtimePartial}
        statuses={{ error: statuses.error, value: lastStatuses.current }}
      />
    </Box>
  );
};

function Answers(props: {
  term: string;
  loading: boolean;
  error?: Error;
  answers?: OnCallAnswer[];
  total: number;
  runtimeError?: Error;
  runtimePartial?: boolean;
  statuses: Statuses;
}) {
  const {
    term,
    loading,
    error,
    answers,
    total,
    runtimeError,
    runtimePartial,
    statuses,
  } = props;
  if (!term.trim()) {
    return (
      <Typography color="textSecondary">
        Type the name of a broken table, job, product or column.
      </Typography>
    );
  }
  // While a new term loads, the last term's answers (or error) are still
  // held: shown, they would be taken for the new term's.
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!answers) {
    return null;
  }
  // Only what products declare was searched: a job or a table seen at
  // runtime may be there all the same.
  const partial = runtimeError && (
    <Alert severity="warning">
      Jobs and tables seen at runtime could not be searched (
      {clientErrorMessage(runtimeError) ?? runtimeError.message}): only what the
      data products declare was.
    </Alert>
  );
  // Lineage stopped at a cap on what one search reads: a job or table it
  // left unread may lead to a product all the same.
  const stoppedEarly = runtimePartial && (
    <Alert severity="warning">
      Lineage search stopped early: some jobs, DAG tasks or tables were not
      read, so results may be incomplete.
    </Alert>
  );
  if (answers.length === 0) {
    // A refusal is said by the empty state itself: the banner would repeat it.
    const refused = runtimeError && clientErrorMessage(runtimeError);
    return (
      <>
        {!refused && partial}
        {/* A term with no spaces, hundreds of characters long, would widen the page. */}
        <Box style={{ overflowWrap: 'anywhere' }}>
          <EmptyState missing="data" {...emptyState(term.trim(), props)} />
        </Box>
        {stoppedEarly}
      </>
    );
  }
  return (
    <Grid container spacing={2}>
      {partial && (
        <Grid item xs={12}>
          {partial}
        </Grid>
      )}
      {total > answers.length && (
        <Grid item xs={12}>
          <Typography color="textSecondary">
            {`Showing ${answers.length} of ${total} products found; type more of the name to narrow them down.`}
          </Typography>
        </Grid>
      )}
      {answers.map(answer => (
        <Grid item xs={12} key={stringifyEntityRef(answer.product)}>
          <AnswerCard answer={answer} statuses={statuses} />
        </Grid>
      ))}
      {stoppedEarly && (
        <Grid item xs={12}>
          {stoppedEarly}
        </Grid>
      )}
    </Grid>
  );
}

/**
 * What to say when nothing was found: that nothing is called `term` only
 * when everything was searched.
 */
function emptyState(
  term: string,
  searched: { runtimeError?: Error; runtimePartial?: boolean },
) {
  if (searched.runtimeError) {
    // Refused for what was typed, the search would be refused again.
    const refused = clientErrorMessage(searched.runtimeError);
    return {
      title: `No data product declares "${term}"`,
      description: refused
        ? `The lineage backend refused the search: ${refused}.`
        : 'Try again shortly: a job or table of that name may be seen at runtime.',
    };
  }
  if (searched.runtimePartial) {
    return {
      title: `No data product found for "${term}"`,
      // Named in full, a job, a DAG's task or a table is read first.
      description: 'Search the full name of the job, task or table.',
    };
  }
  return {
    // Lineage reads only recent runs: an older job or table may still exist.
    title: `No data product, and no job or table in current lineage, is called "${term}"`,
    description:
      'Check the spelling, or search part of the name: a table, a job, a column or a product.',
  };
}

/**
 * The port a match names, and the DAG's task that writes it or the job
 * writing it that the match feeds; or, for a job the product declares and
 * lineage has not tied to a port, that the product declares it.
 */
function describePort(match: OnCallMatch) {
  if (match.on === 'declaredJobOutput') {
    return ` (written by ${match.writer}, a job the product declares)`;
  }
  if (match.on === 'declaredJob') {
    return 'of' in match && match.of
      ? ` (task of ${match.of}, declared by the product)`
      : ' (declared by the product)';
  }
  if (!match.port || match.on === 'port') return '';
  const task = 'task' in match && match.task ? `task ${match.task}, ` : '';
  const feeds = 'feeds' in match ? `feeds ${match.feeds}, ` : '';
  return ` (${task}${feeds}port ${match.port})`;
}

function AnswerCard(props: { answer: OnCallAnswer; statuses: Statuses }) {
  const { answer, statuses } = props;
  const { product, matches, owner, onCall, runbook, upstream, downstream } =
    answer;
  const entityRef = stringifyEntityRef(product);
  return (
    <Card
      variant="outlined"
      role="region"
      aria-label={`On-call for ${product.metadata.name}`}
    >
      <CardContent>
        <Typography variant="h6" component="h2">
          <EntityRefLink
            entityRef={product}
            title={product.metadata.title ?? product.metadata.name}
          />
        </Typography>
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={1}>
          {matches.slice(0, 5).map(match => (
            <Chip
              key={`${match.on}:${match.port}:${match.text}`}
              size="small"
              color={match.exact ? 'primary' : 'default'}
              label={`${MATCH_LABELS[match.on]}: ${match.text}${describePort(
                match,
              )}`}
            />
          ))}
        </Box>
        <Grid container spacing={2}>
          <Grid item xs={12} md={3}>
            <Typography variant="overline">Owning team</Typography>
            <Typography>
              <EntityRefLink entityRef={owner} />
            </Typography>
          </Grid>
          <Grid item xs={12} md={3}>
            <Typography variant="overline">On-call</Typography>
            <Typography>
              {onCall ? (
                <>
                  <OnCallContact
                    contact={onCall.contact}
                    channels={product.spec.support?.channels}
                  />
                  {/* formatOnCall starts with the contact: the rest is its provider and source. */}
                  {formatOnCall(onCall).slice(onCall.contact.length)}
                </>
              ) : (
                formatOnCall(undefined)
              )}
            </Typography>
          </Grid>
          <Grid item xs={12} md={2}>
            <Typography variant="overline">Runbook</Typography>
            <Typography>
              {runbook ? (
                <>
                  <Link to={runbook.url}>Open runbook</Link>
                  {runbook.source === 'team' && ' (team)'}
                </>
              ) : (
                'No runbook'
              )}
            </Typography>
          </Grid>
          <Neighbours label="Upstream" entityRefs={upstream} />
          <Neighbours label="Downstream" entityRefs={downstream} />
          <Grid item xs={12} md={3}>
            <Typography variant="overline">Broken now</Typography>
            <Typography component="div">
              <BrokenNow entityRef={entityRef} statuses={statuses} />
            </Typography>
          </Grid>
          <Grid item xs={12} md={9}>
            <Typography variant="overline">Blast radius</Typography>
            <Typography component="div">
              <BlastRadiusList
                key={`${entityRef} ${answer.port ?? ''}`}
                entityRef={entityRef}
                port={answer.port}
              />
            </Typography>
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}

/** Neighbours listed before "and N more": a central table has hundreds. */
const NEIGHBOURS_SHOWN = 5;

/**
 * The products next to one, in a narrow column: their count and the first
 * few, in the catalog's order (its relations hold no tier to rank them by),
 * then all on request. The blast radius below is ranked, but it is what
 * lineage saw downstream (of the port searched), not what is declared.
 */
function Neighbours(props: { label: string; entityRefs: string[] }) {
  const { label, entityRefs } = props;
  const labelId = useId();
  const [all, setAll] = useState(false);
  // "and 1 more" would take the room of the one name it hides.
  const bounded = entityRefs.length > NEIGHBOURS_SHOWN + 1;
  const shown =
    bounded && !all ? entityRefs.slice(0, NEIGHBOURS_SHOWN) : entityRefs;
  return (
    <Grid item xs={12} md={2} role="group" aria-labelledby={labelId}>
      <Typography variant="overline" id={labelId}>
        {label}
      </Typography>
      <Typography component="div">
        {entityRefs.length === 0 && 'None'}
        {bounded && `${entityRefs.length} products: `}
        <EntityTitleLinks entityRefs={shown} />
        {bounded && (
          <>
            {' '}
            {/* One button, its name changed: focus stays on it. */}
            <MuiLink
              component="button"
              variant="body1"
              aria-expanded={all}
              onClick={() => setAll(!all)}
              style={{ verticalAlign: 'baseline' }}
            >
              {all
                ? 'Show fewer'
                : `and ${entityRefs.length - shown.length} more`}
            </MuiLink>
          </>
        )}
      </Typography>
    </Grid>
  );
}

/** The product's measured SLO status, from the lineage backend. */
function BrokenNow(props: { entityRef: string; statuses: Statuses }) {
  const { entityRef, statuses } = props;
  if (!statuses.value) {
    return <>{statuses.error ? 'SLO status unavailable' : 'Checking SLOs…'}</>;
  }
  // The last statuses read, said to be so once a refresh failed.
  return (
    <>
      <SloStatusOf entityRef={entityRef} statuses={statuses.value} />
      {statuses.error && ' (as last read: the latest refresh failed)'}
      <SloBreaches entityRef={entityRef} statuses={statuses.value} />
    </>
  );
}

function SloStatusOf(props: { entityRef: string; statuses: ProductStatuses }) {
  const { entityRef, statuses } = props;
  if (!statuses.sloAvailable) {
    return <>SLO status unavailable</>;
  }
  const slo = statuses.byRef.get(entityRef)?.slo;
  const unseen = [
    slo?.unobserved.length
      ? `no events yet for ${slo.unobserved.join(', ')}`
      : '',
    slo?.unjudged.length ? `not judged: ${slo.unjudged.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  if (slo?.status === 'breaching') {
    return (
      <>
        <BreachingChip label={`Breaching ${slo.breaching.join(', ')}`} />
        {unseen && `; ${unseen}`}
      </>
    );
  }
  if (slo?.status === 'ok') {
    const label = unseen ? `SLOs met; ${unseen}` : 'SLOs met';
    return <Chip size="small" variant="outlined" label={label} />;
  }
  return <>{unseen ? `Not measured yet; ${unseen}` : 'Not measured yet'}</>;
}
