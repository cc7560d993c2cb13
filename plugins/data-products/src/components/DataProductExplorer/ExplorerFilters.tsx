import { memo } from 'react';
import { FilterSelect } from './FilterSelect';
import {
  EXPLORER_FILTERS,
  ExplorerFilter,
  explorerFilterValue,
  ExplorerState,
  STATUS_FILTERS,
  StatusFilter,
} from './explorerQuery';

const FILTER_LABELS: Record<ExplorerFilter, string> = {
  domain: 'Domain',
  owner: 'Owner',
  type: 'Type',
  tier: 'Tier',
  lifecycle: 'Lifecycle',
  tag: 'Tag',
};

const STATUS_LABELS: Record<StatusFilter, string> = {
  slo: 'SLOs',
  level: 'Governance level',
};

const STATUS_VALUE_LABELS: Record<string, string> = {
  breaching: 'Breaching now',
  ok: 'All met',
  unknown: 'Not measured yet',
};

export type Facets = Record<string, Array<{ value: string; count: number }>>;

/**
 * The explorer's filter selects; memoized, so a search or a page change does
 * not re-render them.
 */
export const ExplorerFilters = memo(function FilterBar(props: {
  filters: ExplorerState['filters'];
  status: ExplorerState['status'];
  facets?: Facets;
  onChange: (change: Partial<ExplorerState>) => void;
}) {
  const { filters, status, facets, onChange } = props;
  return (
    <>
      {(Object.keys(EXPLORER_FILTERS) as ExplorerFilter[]).map(key => (
        <FilterSelect
          key={key}
          label={FILTER_LABELS[key]}
          value={filters[key] ?? ''}
          values={facetValues(
            (facets?.[EXPLORER_FILTERS[key]] ?? []).map(facet =>
              explorerFilterValue(key, facet.value),
            ),
            filters[key],
          ).map(value => ({ value, label: value }))}
          onChange={value =>
            onChange({ filters: { ...filters, [key]: value } })
          }
        />
      ))}
      {(Object.keys(STATUS_FILTERS) as StatusFilter[]).map(key => (
        <FilterSelect
          key={key}
          label={STATUS_LABELS[key]}
          value={status[key] ?? ''}
          values={STATUS_FILTERS[key].map(value => ({
            value,
            label: STATUS_VALUE_LABELS[value] ?? value,
          }))}
          onChange={value => onChange({ status: { ...status, [key]: value } })}
        />
      ))}
    </>
  );
});

function facetValues(facet: string[], selected: string | undefined): string[] {
  const values = [...new Set(facet)].sort();
  return selected && !values.includes(selected)
    ? [selected, ...values]
    : values;
}
