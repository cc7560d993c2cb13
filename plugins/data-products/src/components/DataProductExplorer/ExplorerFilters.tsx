import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { memo, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FilterSelect } from './FilterSelect';
import {
  EXPLORER_FILTERS,
  ExplorerFilter,
  explorerFilterValue,
  ExplorerState,
  explorerFilterRef,
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
  const values = useMemo(
    () =>
      (Object.keys(EXPLORER_FILTERS) as ExplorerFilter[]).map(key => ({
        key,
        values: facetValues(
          (facets?.[EXPLORER_FILTERS[key]] ?? []).map(facet =>
            explorerFilterValue(key, facet.value),
          ),
          filters[key],
        ),
      })),
    [facets, filters],
  );
  const titles = useTitles(values);
  return (
    <>
      {values.map(({ key, values: options }) => (
        <FilterSelect
          key={key}
          label={FILTER_LABELS[key]}
          value={filters[key] ?? ''}
          values={labelled(key, options, titles)}
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

/**
 * The titles of the domains and owners among `values`, by ref, in one
 * catalog request: the table shows them by title, so the filters do too.
 */
function useTitles(values: Array<{ key: ExplorerFilter; values: string[] }>) {
  const catalogApi = useApi(catalogApiRef);
  const refs = [
    ...new Set(
      values.flatMap(({ key, values: options }) =>
        options.flatMap(value => explorerFilterRef(key, value) ?? []),
      ),
    ),
  ].sort();
  const { value: titles } = useAsync(async () => {
    if (refs.length === 0) return new Map<string, string>();
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['metadata.title'],
    });
    return new Map(
      refs.flatMap((ref, i) => {
        const title = items[i]?.metadata?.title;
        return title ? [[ref, title] as const] : [];
      }),
    );
  }, [catalogApi, refs.join('\n')]);
  return titles;
}

/**
 * Each value by its title, else as it is; two values sharing a title are
 * told apart by the value (as the URL keeps it).
 */
function labelled(
  key: ExplorerFilter,
  values: string[],
  titles: Map<string, string> | undefined,
) {
  const titleOf = (value: string) => {
    const ref = explorerFilterRef(key, value);
    return (ref && titles?.get(ref)) ?? value;
  };
  const counts = new Map<string, number>();
  for (const value of values) {
    counts.set(titleOf(value), (counts.get(titleOf(value)) ?? 0) + 1);
  }
  return values.map(value => {
    const title = titleOf(value);
    return {
      value,
      label: (counts.get(title) ?? 0) > 1 ? `${title} (${value})` : title,
    };
  });
}
