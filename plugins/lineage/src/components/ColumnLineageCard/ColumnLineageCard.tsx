import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
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
import { formatNodeId } from '@meshwork/plugin-lineage-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Dataset, lineageApiRef } from '../../api';
import { undefinedWhenNotFound } from '../../api/undefinedWhenNotFound';
import type { ColumnLink } from '../../graph/columnLineageView';
import { datasetColumns } from '../../graph/datasetColumns';
import { loadColumnLineage } from '../../graph/loadColumnLineage';

type Props = {
  /** The datasets whose columns can be picked, e.g. a product's output ports. */
  datasets: Array<Dataset & { label: string }>;
};

/**
 * Pick a column and see the columns it derives from and those that use it,
 * with how each is transformed.
 */
export const ColumnLineageCard = ({ datasets }: Props) => {
  const lineageApi = useApi(lineageApiRef);
  const [datasetIndex, setDatasetIndex] = useState(0);
  const [column, setColumn] = useState('');
  const dataset = datasets[datasetIndex];
  const datasetId =
    dataset && formatNodeId('dataset', dataset.namespace, dataset.name);
  // Null for a dataset no event has named yet: no columns, not a failure.
  const details = useAsync(async () => {
    if (!datasetId) return undefined;
    return (await undefinedWhenNotFound(lineageApi.dataset(datasetId))) ?? null;
  }, [lineageApi, datasetId]);
  // While loading, the last dataset's details are still held.
  const current = details.loading ? undefined : details.value;
  const columns = current ? datasetColumns(current) : undefined;
  // By the dataset's own name: one asked by a name its symlinks facet
  // gives is answered with it, which the column's lineage names.
  const fieldId =
    current && column
      ? formatNodeId('datasetField', current.namespace, current.name, column)
      : undefined;
  const lineage = useAsync(async () => {
    if (!fieldId) return undefined;
    return loadColumnLineage(lineageApi, fieldId);
  }, [lineageApi, fieldId]);

  return (
    <InfoCard title="Column lineage" titleTypographyProps={cardTitleAsHeading}>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        {datasets.length > 1 && (
          <FormControl style={{ minWidth: 240 }}>
            <InputLabel id="column-lineage-dataset">Dataset</InputLabel>
            <Select
              labelId="column-lineage-dataset"
              value={datasetIndex}
              onChange={event => {
                setDatasetIndex(Number(event.target.value));
                setColumn('');
              }}
              inputProps={{ 'aria-label': 'Dataset' }}
            >
              {datasets.map((d, index) => (
                <MenuItem key={`${d.namespace}/${d.name}`} value={index}>
                  {d.label}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        )}
        <FormControl style={{ minWidth: 240 }}>
          <InputLabel id="column-lineage-column">Column</InputLabel>
          <Select
            labelId="column-lineage-column"
            value={column}
            onChange={event => setColumn(String(event.target.value))}
            inputProps={{ 'aria-label': 'Column' }}
          >
            {(columns ?? []).map(name => (
              <MenuItem key={name} value={name}>
                {name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      {details.error && <ResponseErrorPanel error={details.error} />}
      {current === null && (
        <Typography>
          No OpenLineage event has named this dataset yet, so it has no columns.
        </Typography>
      )}
      {columns?.length === 0 && (
        <Typography>No columns reported for this dataset yet.</Typography>
      )}
      {lineage.loading && <Progress />}
      {/* While loading, the last column's result or error is still held. */}
      {!lineage.loading && lineage.error && (
        <ResponseErrorPanel error={lineage.error} />
      )}
      {!lineage.loading && lineage.value && (
        <>
          {lineage.value.truncated && (
            <Typography variant="body2" color="textSecondary">
              Only the nearest columns are shown: this column's lineage reaches
              more than a view holds.
            </Typography>
          )}
          <ColumnTable
            title={`Derived from (upstream of ${column})`}
            links={lineage.value.upstream}
            empty="No upstream columns: it is a source column, or its producer reports no column lineage."
          />
          <ColumnTable
            title={`Used by (downstream of ${column})`}
            links={lineage.value.downstream}
            empty="No downstream column uses it."
          />
        </>
      )}
    </InfoCard>
  );
};

function ColumnTable(props: {
  title: string;
  links: ColumnLink[];
  empty: string;
}) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle1">{props.title}</Typography>
      {props.links.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <WholeWordTable size="small" aria-label={props.title}>
          <TableHead>
            <TableRow>
              <TableCell>Column</TableCell>
              <TableCell>Dataset</TableCell>
              <TableCell>Hops</TableCell>
              <TableCell>Transformation</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {props.links.map(link => (
              <TableRow key={link.id}>
                <TableCell>{link.field}</TableCell>
                <TableCell title={link.namespace}>{link.dataset}</TableCell>
                <TableCell>{link.depth}</TableCell>
                <TableCell>
                  {link.transformation.toLocaleLowerCase('en-US')}
                  {link.description && (
                    <Typography
                      component="span"
                      variant="body2"
                      color="textSecondary"
                    >
                      : {link.description}
                    </Typography>
                  )}
                  {link.masking && (
                    <Chip
                      size="small"
                      label="masked"
                      style={{ marginLeft: 8 }}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </WholeWordTable>
      )}
    </Box>
  );
}
