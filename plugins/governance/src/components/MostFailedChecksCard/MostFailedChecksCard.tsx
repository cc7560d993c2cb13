import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  type FailedCheckCount,
  type Severity,
  severities,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';

const TOP = 10;

type FailedCheck = {
  id: string;
  title: string;
  severity: string;
  failures: number;
};

/**
 * The severities policies gave a check where it failed, strongest first:
 * one policy may make it an error for tier-1 products, a warning elsewhere.
 */
function describeSeverities(counts: Map<Severity, number>): string {
  const present = [...severities].reverse().filter(s => counts.has(s));
  return present.length === 1
    ? present[0]
    : present.map(s => `${s} (${counts.get(s)})`).join(', ');
}

function addFailures(
  failures: Map<string, { count: number; bySeverity: Map<Severity, number> }>,
  { id, failures: count, severities: bySeverity }: FailedCheckCount,
) {
  const total = failures.get(id) ?? { count: 0, bySeverity: new Map() };
  total.count += count;
  for (const [severity, n] of Object.entries(bySeverity) as Array<
    [Severity, number]
  >) {
    total.bySeverity.set(severity, (total.bySeverity.get(severity) ?? 0) + n);
  }
  failures.set(id, total);
}

/** The checks most products fail, with their title and severity. */
export function MostFailedChecksCard() {
  const governanceApi = useApi(governanceApiRef);
  const failed = useAsync(async (): Promise<FailedCheck[]> => {
    const [rollups, checks] = await Promise.all([
      governanceApi.getRollups('domains'),
      governanceApi.listChecks(),
    ]);
    // Every product is in exactly one domain, so the domains' failures add
    // up to the number of products failing each check across the mesh.
    const failures = new Map<
      string,
      { count: number; bySeverity: Map<Severity, number> }
    >();
    for (const check of rollups.flatMap(r => r.mostFailed)) {
      addFailures(failures, check);
    }
    const checkById = new Map(checks.map(check => [check.id, check]));
    return [...failures.entries()]
      .sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b))
      .slice(0, TOP)
      .map(([id, { count, bySeverity }]) => ({
        id,
        // A check the backend no longer lists still deserves a row.
        title: checkById.get(id)?.title ?? id,
        severity: describeSeverities(bySeverity),
        failures: count,
      }));
  }, [governanceApi]);
  const columns: TableColumn<FailedCheck>[] = [
    { title: 'Check', field: 'title' },
    { title: 'Severity', field: 'severity' },
    { title: 'Failing products', field: 'failures', type: 'numeric' },
  ];
  return (
    <AsyncInfoCard title="Most failed checks" state={failed} noPadding>
      {value => (
        <Table<FailedCheck>
          columns={columns}
          data={value}
          options={{
            toolbar: false,
            paging: false,
            search: false,
            padding: 'dense',
          }}
          emptyContent="Every product passes every check."
        />
      )}
    </AsyncInfoCard>
  );
}
