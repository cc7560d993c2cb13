import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
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
  formatOnCall,
  type DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import { formatNodeId } from '@meshwork/plugin-lineage-common';
import { Fragment, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { lineageApiRef } from '../../api';
import { undefinedWhenNotFound } from '../../api/undefinedWhenNotFound';
import { datasetColumns } from '../../graph/datasetColumns';
import { ImpactScope, loadImpact } from './loadImpact';

/**
 * A table's name that may break after its dots: whole, one such as
 * `ANALYTICS.CUSTOMER.CUSTOMER_LIFETIME_VALUE` is wider than a narrow card's
 * column.
 */
const TableName = ({ name }: { name: string }) => (
  <>
    {name.split(/(?<=\.)/).map((part, index) => (
      <Fragment key={index}>
        {index > 0 && <wbr />}
        {part}
      </Fragment>
    ))}
  </>
);

/** The card of one product. */
const ImpactOf = ({
  entityRef,
  ports,
}: {
  entityRef: string;
  ports: DataProductEntityV1alpha1['spec']['outputPorts'];
}) => {
  const lineageApi = useApi(lineageApiRef);
  const catalogApi = useApi(catalogApiRef);
  // '' is the whole product, a port name that port, `port\ncolumn` a column.
  const [scopeKey, setScopeKey] = useState('');
  const [port, column] = scopeKey.split('\n');
  const portEntity = ports.find(p => p.name === port);
  // Six columns run past a card beside the page's side column below a wide
  // screen's width: owner, on-call and what a product reads go under its name.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('lg'));

  const columns = useAsync(async () => {
    if (!portEntity) return [];
    // A port no event has named has no columns yet; other failures show.
    const details = await undefinedWhenNotFound(
      lineageApi.dataset(
        formatNodeId(
          'dataset',
          portEntity.dataset.namespace,
          portEntity.dataset.name,
        ),
      ),
    );
    return details ? datasetColumns(details) : [];
  }, [lineageApi, portEntity]);

  const impact = useAsync(() => {
    let scope: ImpactScope = { kind: 'product' };
    if (portEntity && column) {
      scope = { kind: 'column', port, dataset: portEntity.dataset, column };
    } else if (portEntity) {
      scope = { kind: 'port', port };
    }
    return loadImpact(lineageApi, catalogApi, entityRef, scope);
  }, [lineageApi, catalogApi, entityRef, scopeKey]);

  const readsLabel = column ? 'Its tables using the column' : 'Reads';

  return (
    <InfoCard
      title="Impact analysis: what breaks if this changes"
      titleTypographyProps={cardTitleAsHeading}
    >
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        <FormControl style={{ minWidth: 220 }}>
          {/* Shrunk: its empty value shows text, which the label would cover. */}
          <InputLabel id="impact-scope" shrink>
            Change to
          </InputLabel>
          <Select
            labelId="impact-scope"
            value={port ?? ''}
            displayEmpty
            onChange={event => setScopeKey(String(event.target.value))}
            inputProps={{ 'aria-label': 'Change to' }}
          >
            <MenuItem value="">the whole product</MenuItem>
            {ports.map(p => (
              <MenuItem key={p.name} value={p.name}>
                output port {p.name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {portEntity && (
          <FormControl style={{ minWidth: 220 }}>
            <InputLabel id="impact-column" shrink>
              Column
            </InputLabel>
            <Select
              labelId="impact-column"
              value={column ?? ''}
              displayEmpty
              onChange={event =>
                setScopeKey(
                  event.target.value ? `${port}\n${event.target.value}` : port,
                )
              }
              inputProps={{ 'aria-label': 'Impact column' }}
            >
              <MenuItem value="">any column</MenuItem>
              {/* While loading, the last port's columns are still held. */}
              {(columns.loading ? [] : columns.value ?? []).map(name => (
                <MenuItem key={name} value={name}>
                  {name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        )}
      </Box>
      {columns.error && (
        <Typography variant="body2" color="error" gutterBottom>
          The port's columns could not be loaded: {columns.error.message}
        </Typography>
      )}
      {impact.loading && <Progress />}
      {/* While loading, the last scope's result or error is still held. */}
      {!impact.loading && impact.error && (
        <ResponseErrorPanel error={impact.error} />
      )}
      {!impact.loading && impact.value?.truncated && (
        <Alert severity="warning">
          This column's lineage reaches further than one answer holds: more
          products than those listed may read it.
        </Alert>
      )}
      {!impact.loading && impact.value?.impacted.length === 0 && (
        <Typography>No downstream data product reads this.</Typography>
      )}
      {!impact.loading && !!impact.value?.impacted.length && (
        <WholeWordTable size="small" aria-label="Impacted products">
          <TableHead>
            <TableRow>
              <TableCell>Product</TableCell>
              <TableCell>Tier</TableCell>
              {/* A column's hops are between columns, through tables no
                  product owns too; the product's and a port's, products. */}
              <TableCell>{column ? 'Column hops' : 'Product hops'}</TableCell>
              {!narrow && (
                <>
                  <TableCell>Owner</TableCell>
                  <TableCell>On-call</TableCell>
                  <TableCell>{readsLabel}</TableCell>
                </>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {impact.value.impacted.map(i => {
              const reads = (
                <>
                  {i.datasets.map((d, index) => (
                    <Fragment key={`${d.namespace}/${d.name}`}>
                      {index > 0 && ', '}
                      <TableName name={d.name} />
                    </Fragment>
                  ))}
                  {/* Past the first hop, what it reads is another product's. */}
                  {!column && i.depth > 1 && !i.via && (
                    <>through a product you may not read</>
                  )}
                  {!column && i.depth > 1 && i.via && (
                    <>
                      {' of '}
                      <EntityRefLink
                        entityRef={i.via}
                        title={
                          impact.value!.impacted.find(
                            p => p.entityRef === i.via,
                          )?.title
                        }
                      />
                    </>
                  )}
                </>
              );
              return (
                <TableRow key={i.entityRef}>
                  <TableCell>
                    <EntityRefLink entityRef={i.entityRef} title={i.title} />
                    {narrow && (
                      <Typography
                        variant="body2"
                        color="textSecondary"
                        component="div"
                      >
                        <div>
                          owner:{' '}
                          <EntityRefLink
                            entityRef={i.owner}
                            defaultKind="group"
                          />
                        </div>
                        <div>on-call: {formatOnCall(i.onCall)}</div>
                        <div>
                          {readsLabel.toLocaleLowerCase('en-US')}: {reads}
                        </div>
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{i.tier ?? '—'}</TableCell>
                  <TableCell>{i.depth}</TableCell>
                  {!narrow && (
                    <>
                      <TableCell>
                        <EntityRefLink
                          entityRef={i.owner}
                          defaultKind="group"
                        />
                      </TableCell>
                      <TableCell>{formatOnCall(i.onCall)}</TableCell>
                      <TableCell>{reads}</TableCell>
                    </>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </WholeWordTable>
      )}
    </InfoCard>
  );
};

/**
 * "What breaks if this changes": the downstream products of the product, one
 * of its output ports or one column, with owners, on-call and tiers, most
 * critical first.
 */
export const ImpactAnalysisCard = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const entityRef = stringifyEntityRef(entity);
  // Backstage keeps the page mounted when a link opens another product:
  // mounted afresh for each, the card starts at the whole product, with no
  // port or column of the last one chosen.
  return (
    <ImpactOf
      key={entityRef}
      entityRef={entityRef}
      ports={entity.spec.outputPorts}
    />
  );
};
