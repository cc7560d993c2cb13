import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
} from '@backstage/plugin-catalog-react';
import {
  Box,
  Card,
  CardContent,
  Chip,
  Grid,
  InputAdornment,
  TextField,
  Typography,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { findOnCall, OnCallAnswer } from './findOnCall';
import { dataProductsApiRef } from '../../api';

const MATCH_LABELS = { product: 'product', dataset: 'table', column: 'column' };

/**
 * One search box for on-call: type a table (optionally with its OpenLineage
 * namespace), a product or a column and get the owning product, team, on-call
 * contact, runbook and neighbours while typing.
 */
export const OnCallFinder = () => {
  const catalogApi = useApi(catalogApiRef);
  const dataProductsApi = useApi(dataProductsApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const [input, setInput] = useState(searchParams.get('q') ?? '');
  const [term, setTerm] = useState(input);
  useDebounce(
    () => {
      setTerm(input);
      setSearchParams(input ? { q: input } : {}, { replace: true });
    },
    120,
    [input],
  );
  const answers = useAsync(
    () => findOnCall(catalogApi, dataProductsApi, term),
    [catalogApi, dataProductsApi, term],
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <TextField
        fullWidth
        variant="outlined"
        label="Table, dataset, product or column"
        placeholder="e.g. analytics.checkout.orders or postgres://warehouse:5432/analytics.checkout.orders"
        value={input}
        onChange={event => setInput(event.target.value)}
        inputProps={{ 'aria-label': 'Find on-call' }}
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
        answers={answers.value}
      />
    </Box>
  );
};

function Answers(props: {
  term: string;
  loading: boolean;
  error?: Error;
  answers?: OnCallAnswer[];
}) {
  const { term, loading, error, answers } = props;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!term.trim()) {
    return (
      <Typography color="textSecondary">
        Type the name of a broken table, job output, product or column.
      </Typography>
    );
  }
  if (!answers) {
    return loading ? <Progress /> : null;
  }
  if (answers.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={`Nothing in the mesh is called "${term.trim()}"`}
        description="Check the spelling, or search part of the name: a table, a column or a product."
      />
    );
  }
  return (
    <Grid container spacing={2}>
      {answers.map(answer => (
        <Grid item xs={12} key={stringifyEntityRef(answer.product)}>
          <AnswerCard answer={answer} />
        </Grid>
      ))}
    </Grid>
  );
}

function AnswerCard({ answer }: { answer: OnCallAnswer }) {
  const { product, matches, owner, onCall, runbook, upstream, downstream } =
    answer;
  return (
    <Card
      variant="outlined"
      aria-label={`On-call for ${product.metadata.name}`}
    >
      <CardContent>
        <Typography variant="h6">
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
              label={`${MATCH_LABELS[match.on]}: ${match.text}${
                match.port ? ` (port ${match.port})` : ''
              }`}
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
              {onCall
                ? `${onCall.contact}${
                    onCall.provider
                      ? ` (${onCall.provider}${
                          onCall.id ? ` ${onCall.id}` : ''
                        })`
                      : ''
                  }`
                : 'No on-call declared'}
            </Typography>
          </Grid>
          <Grid item xs={12} md={2}>
            <Typography variant="overline">Runbook</Typography>
            <Typography>
              {runbook ? <Link to={runbook}>Open runbook</Link> : 'No runbook'}
            </Typography>
          </Grid>
          <Grid item xs={12} md={2}>
            <Typography variant="overline">Upstream</Typography>
            <Typography component="div">
              {upstream.length ? (
                <EntityRefLinks entityRefs={upstream} />
              ) : (
                'None'
              )}
            </Typography>
          </Grid>
          <Grid item xs={12} md={2}>
            <Typography variant="overline">Downstream</Typography>
            <Typography component="div">
              {downstream.length ? (
                <EntityRefLinks entityRefs={downstream} />
              ) : (
                'None'
              )}
            </Typography>
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}
