import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
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
    const failures = new Map<string, number>();
    for (const { id, failures: count } of rollups.flatMap(r => r.mostFailed)) {
      failures.set(id, (failures.get(id) ?? 0) + count);
    }
    const checkById = new Map(checks.map(check => [check.id, check]));
    return [...failures.entries()]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, TOP)
      .map(([id, count]) => ({
        id,
        // A check the backend no longer lists still deserves a row.
        title: checkById.get(id)?.title ?? id,
        // A domain's policy may raise or lower it; this is the default.
        severity: checkById.get(id)?.severity ?? 'unknown',
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
