import type { Entity } from '@backstage/catalog-model';
import type { ValidationIssue } from './validateDataProductEntity';

/**
 * The OpenLineage jobs a product runs that its output ports alone do not
 * tell: a job writing outside the mesh (an export, a reverse ETL sync), or
 * one that has not yet written a port. One `<namespace>:<name>` per line or
 * comma, like `meshwork-retail.airflow:orders.export`; a job named so
 * counts with its child jobs (an Airflow DAG's tasks).
 */
export const OPENLINEAGE_JOBS_ANNOTATION = 'meshwork.dev/openlineage-jobs';

export type DeclaredJob = { namespace: string; name: string };

const EXAMPLE = 'meshwork-retail.airflow:orders.export';
/** A namespace of only a scheme and a host, whose port a number would be. */
const SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/:]+$/i;

/**
 * The jobs a value of the annotation names, and what is wrong with each
 * entry that names none. The namespace ends at an entry's last colon, as
 * namespaces hold colons (`spark://host:7077`) and job names do not.
 */
export function parseDeclaredJobs(value: string): {
  jobs: DeclaredJob[];
  problems: string[];
} {
  const jobs: DeclaredJob[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries = value
    .split(/[\n,]/)
    .map(entry => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const colon = entry.lastIndexOf(':');
    const namespace = entry.slice(0, Math.max(colon, 0)).trim();
    const name = entry.slice(colon + 1).trim();
    const which = `entry ${index + 1} (${JSON.stringify(entry)})`;
    if (/^job:/i.test(entry)) {
      problems.push(
        `${which} must be <namespace>:<name> without Marquez's "job:" prefix, like ${EXAMPLE}`,
      );
    } else if (colon <= 0 || !namespace || !name || name.startsWith('/')) {
      problems.push(
        `${which} must be <namespace>:<name>, the job's OpenLineage namespace and name, like ${EXAMPLE}`,
      );
    } else if (/\s/.test(namespace)) {
      // YAML joins the lines of a plain or folded (>) value with spaces.
      problems.push(
        `${which} has whitespace in its namespace ${JSON.stringify(
          namespace,
        )}: put one job on each line of a literal block (|), or separate them with commas`,
      );
    } else if (SCHEME_AND_HOST.test(namespace) && /^\d+$/.test(name)) {
      problems.push(
        `${which} names no job: ${JSON.stringify(
          entry,
        )} reads as namespace and port; write <namespace>:<name>, like spark://host:7077:orders_sync`,
      );
    } else if (!seen.has(`${namespace}\u0000${name}`)) {
      seen.add(`${namespace}\u0000${name}`);
      jobs.push({ namespace, name });
    }
  });
  return { jobs, problems };
}

/** The jobs a product names in its annotation; none if it names none. */
export function declaredJobsOf(
  entity: Pick<Entity, 'metadata'>,
): DeclaredJob[] {
  const value = entity.metadata.annotations?.[OPENLINEAGE_JOBS_ANNOTATION];
  return typeof value === 'string' ? parseDeclaredJobs(value).jobs : [];
}

/** The annotation's mistakes, each at its field path. */
export function checkDeclaredJobs(metadata: any): ValidationIssue[] {
  const value = metadata?.annotations?.[OPENLINEAGE_JOBS_ANNOTATION];
  const path = `metadata.annotations["${OPENLINEAGE_JOBS_ANNOTATION}"]`;
  // The schema says when it is no string.
  if (typeof value !== 'string') return [];
  const { jobs, problems } = parseDeclaredJobs(value);
  if (jobs.length === 0 && problems.length === 0) {
    return [
      {
        path,
        message: `must name at least one job as <namespace>:<name>, like ${EXAMPLE}, or be left out`,
      },
    ];
  }
  return problems.map(message => ({ path, message }));
}
