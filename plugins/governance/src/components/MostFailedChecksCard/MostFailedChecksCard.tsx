import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import {
  type FailedCheckCount,
  type Severity,
  severities,
} from '@meshwork/plugin-governance-common';
import useAsync from 'react-use/esm/useAsync';
import { governanceApiRef, loadCheckTitles } from '../../api';
import { AsyncInfoCard } from '../AsyncInfoCard';
import { CheckTitlesWarning } from '../CheckTitlesWarning';
import { DomainLink } from '../DomainLink';
import { cardTableOptions } from '../cardTableOptions';

const TOP = 10;

type FailedCheck = {
  id: string;
  title: string;
  severity: string;
  /** Its strongest severity's place in `severities`, weakest first. */
  severityRank: number;
  failures: number;
  /** Who fails it, in which domain, at the severity it has for them. */
  products: FailingProduct[];
};

type FailingProduct = { entityRef: string; domain: string; severity: Severity };

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

type MeshFailedCheck = Omit<FailedCheckCount, 'products'> & {
  products: FailingProduct[];
};

/** One domain's failures of a check, added to those counted before. */
function addFailures(
  total: MeshFailedCheck,
  more: FailedCheckCount,
  domain: string,
) {
  total.failures += more.failures;
  total.products.push(...more.products.map(p => ({ ...p, domain })));
  for (const severity of severities) {
    const count = more.severities[severity];
    if (count) {
      total.severities[severity] = (total.severities[severity] ?? 0) + count;
    }
  }
}

/**
 * The checks most products fail (of the mesh, or of one domain), with
 * their title and severity; a row opens on the products failing it.
 */
export function MostFailedChecksCard(props: { domain?: string }) {
  const { domain } = props;
  const governanceApi = useApi(governanceApiRef);
  const failed = useAsync(async (): Promise<FailedChecks | undefined> => {
    const [allRollups, titles] = await Promise.all([
      governanceApi.getRollups('domains'),
      loadCheckTitles(governanceApi),
    ]);
    const rollups = domain
      ? allRollups.filter(rollup => rollup.key === domain)
      : allRollups;
    // Nothing scored passes nothing.
    if (!rollups.some(rollup => rollup.products > 0)) return undefined;
    // Every product is in exactly one domain, so the domains' failures add
    // up to the number of products failing each check across the mesh.
    const failures = new Map<string, MeshFailedCheck>();
    for (const rollup of rollups) {
      for (const check of rollup.mostFailed) {
        const total = failures.get(check.id) ?? {
          id: check.id,
          failures: 0,
          severities: {},
          products: [],
        };
        addFailures(total, check, rollup.key);
        failures.set(check.id, total);
      }
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
          products: check.products.sort((a, b) =>
            a.entityRef.localeCompare(b.entityRef),
          ),
        })),
      titlesError: titles.error,
    };
  }, [governanceApi, domain]);
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
              // A click anywhere on a row, or its arrow, opens it.
              onRowClick={(_event, _check, togglePanel) => togglePanel?.()}
              detailPanel={({ rowData: check }) => (
                <List dense aria-label={`Products failing ${check.title}`}>
                  {check.products.map(product => (
                    <ListItem key={product.entityRef}>
                      <ListItemText
                        primary={
                          <EntityRefLink entityRef={product.entityRef} />
                        }
                        secondary={
                          <>
                            {product.severity} in domain{' '}
                            <DomainLink domain={product.domain} />
                          </>
                        }
                      />
                    </ListItem>
                  ))}
                </List>
              )}
              emptyContent="Every product passes every check."
            />
          </>
        )
      }
    </AsyncInfoCard>
  );
}
