import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import {
  type FailedCheckCount,
  severities,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef, loadCheckTitles } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { CheckTitlesWarning } from '../CheckTitlesWarning';
import { cardTableOptions } from '../cardTableOptions';

const TOP = 10;

type FailedCheck = {
  id: string;
  title: string;
  severity: string;
  /** Its strongest severity's place in `severities`, weakest first. */
  severityRank: number;
  failures: number;
};

/** The rows, and why they show check ids, if they do. */
type FailedChecks = { checks: FailedCheck[]; titlesError?: Error };

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
  const failed = useAsync(async (): Promise<FailedChecks | undefined> => {
    const [rollups, titles] = await Promise.all([
      governanceApi.getRollups('domains'),
      loadCheckTitles(governanceApi),
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
    return {
      checks: [...failures.values()]
        .sort((a, b) => b.failures - a.failures || a.id.localeCompare(b.id))
        .slice(0, TOP)
        .map(check => ({
          id: check.id,
          title: titles.titleOf(check.id),
          severity: describeSeverities(check.severities),
          severityRank: Math.max(
            ...severities.map((s, rank) => (check.severities[s] ? rank : -1)),
          ),
          failures: check.failures,
        })),
      titlesError: titles.error,
    };
  }, [governanceApi]);
  const columns: TableColumn<FailedCheck>[] = [
    { title: 'Check', field: 'title' },
    {
      title: 'Severity',
      field: 'severity',
      // By strength: as text, info would sort between error and warning.
      customSort: (a, b) => a.severityRank - b.severityRank,
    },
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
          <>
            <CheckTitlesWarning error={value.titlesError} />
            <Table<FailedCheck>
              columns={columns}
              data={value.checks}
              options={cardTableOptions}
              emptyContent="Every product passes every check."
            />
          </>
        )
      }
    </AsyncInfoCard>
  );
}
