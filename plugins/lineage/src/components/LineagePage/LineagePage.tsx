import { Content, Header, Page } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { parseNodeId } from '@meshwork/plugin-lineage-common';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { lineageApiRef, SearchResult } from '../../api';
import { ColumnLineageCard } from '../ColumnLineageCard';
import { LineageExplorer } from '../LineageExplorer';

/** Lineage of any dataset or job: `?node=dataset:<ns>:<name>` or `job:<ns>:<name>`. */
export const LineagePage = () => {
  const lineageApi = useApi(lineageApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const node = searchParams.get('node') ?? '';
  const [input, setInput] = useState(node);
  // The box names the node shown, also after back or forward.
  useEffect(() => setInput(node), [node]);
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input), 150, [input]);
  const options = useAsync(async (): Promise<SearchResult[]> => {
    const typed = term.trim();
    // The node shown needs no search: the box names it.
    if (typed.length < 2 || term === node) return [];
    // A node id pasted whole (from an address, this page's header, a log)
    // is offered as it is: search matches names, not ids.
    const pasted = parseNodeId(typed);
    if (pasted?.type === 'dataset' || pasted?.type === 'job') {
      return [{ id: typed, namespace: '', name: '' }];
    }
    const [datasets, jobs] = await Promise.all([
      lineageApi.search(typed, 'dataset'),
      lineageApi.search(typed, 'job'),
    ]);
    return [...datasets, ...jobs];
  }, [lineageApi, term, node]);
  const roots = useMemo(() => (node ? [node] : []), [node]);
  // The node shown is the box's value, so that leaving the box puts its
  // id back instead of emptying it or naming one picked before.
  const shown = useMemo(
    (): SearchResult | null =>
      node ? { id: node, namespace: '', name: '' } : null,
    [node],
  );
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
            getOptionLabel={option => option.id}
            renderOption={option =>
              option.symlink
                ? `${option.id} (as ${option.symlink.name} in ${option.symlink.namespace})`
                : option.id
            }
            getOptionSelected={(option, value) => option.id === value.id}
            value={shown}
            disableClearable={Boolean(shown)}
            filterOptions={found => found.filter(option => option !== shown)}
            inputValue={input}
            onInputChange={(_e, value) => setInput(value)}
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
