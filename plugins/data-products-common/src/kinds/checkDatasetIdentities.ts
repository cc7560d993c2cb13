import type { ValidationIssue } from './validateDataProductEntity';

/** A namespace that is only a scheme, its authority empty, like `file://`. */
const SCHEME_ONLY = /^[a-z][a-z0-9+.-]*:\/\/$/i;
/** A name that begins with its namespace, like `postgres://host:5432/db.table`. */
const NAMESPACE_IN_NAME = /^([a-z][a-z0-9+.-]*:\/\/[^/\s]+)\/+(\S.*)$/i;

/**
 * Mistakes in the ports' datasets that leave them matching no lineage: the
 * namespace and name are compared as written with those OpenLineage
 * reports, so a product with one would never be observed or found. A scheme
 * is not required: OpenLineage's own namespaces include `bigquery` and
 * `file`.
 */
export function checkDatasetIdentities(spec: any): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const list of ['outputPorts', 'inputPorts'] as const) {
    const ports: unknown = spec?.[list];
    if (!Array.isArray(ports)) continue;
    ports.forEach((port: any, index) => {
      const path = `spec.${list}[${index}].dataset`;
      const namespace = port?.dataset?.namespace;
      const name = port?.dataset?.name;
      for (const [field, value] of [
        ['namespace', namespace],
        ['name', name],
      ]) {
        if (typeof value === 'string' && value !== value.trim()) {
          issues.push({
            path: `${path}.${field}`,
            message: `must not start or end with whitespace (got ${JSON.stringify(
              value,
            )})`,
          });
        }
      }
      if (
        typeof namespace === 'string' &&
        namespace.trim().endsWith('/') &&
        !SCHEME_ONLY.test(namespace.trim())
      ) {
        issues.push({
          path: `${path}.namespace`,
          message: `must not end with "/" (OpenLineage namespaces are scheme://authority, e.g. postgres://host:5432; got ${JSON.stringify(
            namespace,
          )})`,
        });
      }
      if (typeof name === 'string' && name.includes('://')) {
        const split = NAMESPACE_IN_NAME.exec(name.trim());
        issues.push({
          path: `${path}.name`,
          message: `must not contain "://", as the namespace goes in dataset.namespace (got ${JSON.stringify(
            name,
          )}${
            split
              ? `; did you mean namespace ${JSON.stringify(
                  split[1],
                )} and name ${JSON.stringify(split[2])}?`
              : ''
          })`,
        });
      }
    });
  }
  return issues;
}
