import { Content, Header, Page } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, TextField, Typography } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { parseNodeId } from '@meshwork/plugin-lineage-common';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { lineageApiRef } from '../../api';
import {
  joinSearchResults,
  JoinedSearchResult,
} from '../../graph/joinSearchResults';
import { nodeKind } from '../../graph/nodeKind';
import { ColumnLineageCard } from '../ColumnLineageCard';
import { LineageExplorer } from '../LineageExplorer';
import { nodeOption } from './nodeOption';

/** Lineage of any dataset or job: `?node=dataset:<ns>:<name>` or `job:<ns>:<name>`. */
export const LineagePage = () => {
  const lineageApi = useApi(lineageApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const node = searchParams.get('node') ?? '';
  // The node shown is the box's value, so that leaving the box puts its
  // name back instead of emptying it or naming one picked before.
  const shown = useMemo(() => (node ? nodeOption(node) : null), [node]);
  const [input, setInput] = useState(shown?.name ?? '');
  // What the user typed: the box also names the node shown, which needs no
  // search, though typing that name does search (another namespace's).
  const [typed, setTyped] = useState('');
  // The box names the node shown, also after back or forward.
  useEffect(() => {
    setInput(shown?.name ?? '');
    setTyped('');
  }, [shown]);
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(typed.trim()), 150, [typed]);
  const options = useAsync(async (): Promise<JoinedSearchResult[]> => {
    if (term.length < 2) return [];
    // A node id pasted whole (from an address, this page's header, a log)
    // is offered as it is: search matches names, not ids.
    const pasted = parseNodeId(term);
    if (pasted?.type === 'dataset' || pasted?.type === 'job') {
      return [nodeOption(term)];
    }
    const [datasets, jobs] = await Promise.all([
      lineageApi.search(term, 'dataset'),
      lineageApi.search(term, 'job'),
    ]);
    // One table's names (its files' path, its Hive table), whichever the
    // search found, make one result.
    return [...joinSearchResults(datasets), ...jobs];
  }, [lineageApi, term]);
  const roots = useMemo(() => (node ? [node] : []), [node]);
  const parsed = parseNodeId(node);
  const dataset = parsed?.type === 'dataset' ? parsed.candidates[0] : undefined;

  return (
    <Page themeId="tool">
      <Header title="Lineage" subtitle={node || 'Pick a dataset or job'} />
      <Content>
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <Autocomplete
            // The node shown among the options, though never listed, so
            // that the value is one of them.
            options={
              shown ? [shown, ...(options.value ?? [])] : options.value ?? []
            }
            loading={options.loading}
            // Enter opens the first option: a pasted id, or the best match.
            autoHighlight
            getOptionLabel={option => option.name}
            renderOption={option => <NodeOptionText option={option} />}
            getOptionSelected={(option, value) => option.id === value.id}
            value={shown}
            disableClearable={Boolean(shown)}
            filterOptions={found => found.filter(option => option !== shown)}
            inputValue={input}
            onInputChange={(_e, value, reason) => {
              setInput(value);
              // A reset puts the name of the node picked or shown back.
              setTyped(reason === 'input' ? value : '');
            }}
            noOptionsText={
              options.error
                ? `Search failed: ${options.error.message}`
                : 'No dataset or job matches'
            }
            // Another node keeps the view and depths chosen.
            onChange={(_e, option) =>
              option &&
              setSearchParams(current => {
                const next = new URLSearchParams(current);
                next.set('node', option.id);
                return next;
              })
            }
            renderInput={params => (
              <TextField
                {...params}
                variant="outlined"
                label="Dataset or job"
                placeholder="e.g. analytics.checkout.orders"
              />
            )}
          />
          {node && (
            <LineageExplorer
              key={`explorer ${node}`}
              roots={roots}
              settingsInAddress
            />
          )}
          {dataset && (
            <ColumnLineageCard
              key={`columns ${node}`}
              datasets={[
                {
                  namespace: dataset.namespace,
                  name: dataset.name,
                  label: dataset.name,
                },
              ]}
            />
          )}
        </Box>
      </Content>
    </Page>
  );
};

/**
 * An option's name, over its kind (a streaming job, a stream, by its type)
 * and namespace, and the symlink it was found by or the other names of its
 * table.
 */
function NodeOptionText({ option }: { option: JoinedSearchResult }) {
  const type = parseNodeId(option.id)?.type;
  const kind = nodeKind(
    type === 'job' ? 'job' : 'dataset',
    option.marquezType,
  ).label;
  let foundBy = '';
  if (option.alsoKnownAs) {
    foundBy = `, also known as ${option.alsoKnownAs
      .map(other => `${other.name} in ${other.namespace}`)
      .join('; ')}`;
  } else if (option.symlink) {
    foundBy = `, found as ${option.symlink.name} in ${option.symlink.namespace}`;
  }
  return (
    <Box>
      <Typography variant="body1">{option.name}</Typography>
      <Typography variant="body2" color="textSecondary">
        {`${kind} in ${option.namespace}${foundBy}`}
      </Typography>
    </Box>
  );
}
