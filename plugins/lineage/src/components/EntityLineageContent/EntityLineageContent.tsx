import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  declaredJobsOf,
  OPENLINEAGE_JOBS_ANNOTATION,
  type DataProductEntityV1alpha1,
} from '@meshwork/plugin-data-products-common';
import { formatNodeId } from '@meshwork/plugin-lineage-common';
import { useMemo } from 'react';
import { ColumnLineageCard } from '../ColumnLineageCard';
import { LineageExplorer } from '../LineageExplorer';

/**
 * The Lineage tab of a data product: the lineage graph of its output ports
 * and of the jobs it declares running (an export's graph has no port in
 * it), and its ports' column lineage.
 */
export const EntityLineageContent = () => {
  const { entity } = useEntity<DataProductEntityV1alpha1>();
  const entityRef = stringifyEntityRef(entity);
  const ports = useMemo(() => entity.spec.outputPorts ?? [], [entity]);
  const declaredJobs = useMemo(() => {
    const product = {
      entityRef,
      title: entity.metadata.title ?? entity.metadata.name,
    };
    return new Map(
      declaredJobsOf(entity).map(job => [
        formatNodeId('job', job.namespace, job.name),
        product,
      ]),
    );
  }, [entity, entityRef]);
  const roots = useMemo(
    () => [
      ...ports.map(p =>
        formatNodeId('dataset', p.dataset.namespace, p.dataset.name),
      ),
      ...declaredJobs.keys(),
    ],
    [ports, declaredJobs],
  );
  if (roots.length === 0) {
    return (
      <Alert severity="info">
        This product declares no output ports and names no jobs in its{' '}
        {OPENLINEAGE_JOBS_ANNOTATION} annotation, so it has no lineage.
      </Alert>
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {/* Keyed by the product, as the entity page reuses them when moving to
          another: its expansions, selection and column pick do not carry over. */}
      <LineageExplorer
        key={`explorer ${entityRef}`}
        roots={roots}
        productRef={entityRef}
        declaredJobs={declaredJobs}
      />
      {ports.length > 0 && (
        <ColumnLineageCard
          key={`columns ${entityRef}`}
          datasets={ports.map(p => ({
            ...p.dataset,
            label: `${p.name} (${p.dataset.name})`,
          }))}
        />
      )}
    </Box>
  );
};
