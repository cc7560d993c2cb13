import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import {
  type FailedCheckCount,
  severities,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { cardTableOptions } from '../cardTableOptions';

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
function describeSeverities(counts: FailedCheckCount['severities']): string {
  const present = [...severities].reverse().filter(s => counts[s]);
  return present.length === 1
    ? present[0]
    : present.map(s => `${s} (${counts[s]})`).join(', ');
}

/** One check's failures across domains, added to those counted before. */
function addFailures(total: FailedCheckCount, more: FailedCheckCount) {
  total.failures += more.failures;
  for (const severity of severities) {
    const count = more.severities[severity];
    if (count) {
      total.severities[severity] = (total.severities[severity] ?? 0) + count;
    }
  }
}

/** The checks most products fail, with their title and severity. */
export function MostFailedChecksCard() {
  const governanceApi = useApi(governanceApiRef);
  const failed = useAsync(async (): Promise<FailedCheck[] | undefined> => {
    const [rollups, checks] = await Promise.all([
      governanceApi.getRollups('domains'),
      governanceApi.listChecks(),
    ]);
    // Nothing scored passes nothing.
    if (!rollups.some(rollup => rollup.products > 0)) return undefined;
    // Every product is in exactly one domain, so the domains' failures add
    // up to the number of products failing each check across the mesh.
    const failures = new Map<string, FailedCheckCount>();
    for (const check of rollups.flatMap(r => r.mostFailed)) {
      const total = failures.get(check.id) ?? {
        id: check.id,
        failures: 0,
        severities: {},
      };
      addFailures(total, check);
      failures.set(check.id, total);
    }
    const checkById = new Map(checks.map(check => [check.id, check]));
    return [...failures.values()]
      .sort((a, b) => b.failures - a.failures || a.id.localeCompare(b.id))
      .slice(0, TOP)
      .map(check => ({
        id: check.id,
        // A check the backend no longer lists still deserves a row.
        title: checkById.get(check.id)?.title ?? check.id,
        severity: describeSeverities(check.severities),
        failures: check.failures,
      }));
  }, [governanceApi]);
  const columns: TableColumn<FailedCheck>[] = [
    { title: 'Check', field: 'title' },
    { title: 'Severity', field: 'severity' },
    { title: 'Failing products', field: 'failures', type: 'numeric' },
  ];
  return (
    <AsyncInfoCard title="Most failed checks" state={failed} noPadding>
      {value =>
        value === undefined ? (
          <Box p={2}>
            <Typography>No product has been scored yet.</Typography>
          </Box>
        ) : (
          <Table<FailedCheck>
            columns={columns}
            data={value}
            options={cardTableOptions}
            emptyContent="Every product passes every check."
          />
        )
      }
    </AsyncInfoCard>
  );
}
