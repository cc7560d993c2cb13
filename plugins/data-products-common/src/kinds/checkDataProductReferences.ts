import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DataProductEntityV1alpha1 } from './DataProductEntityV1alpha1';
import { deprecationOf } from './deprecationOf';
import { InputPortTarget, parseInputPortRef } from './parseInputPortRef';
import { ValidationIssue } from './validateDataProductEntity';
import { someOf } from './someOf';

/**
 * The entities a product points at: its owner, its domain, its upstream
 * ports and, when deprecated, its successor.
 */
export interface DataProductReferences {
  owner: CompoundEntityRef;
  domain: CompoundEntityRef;
  upstreams: Array<{ index: number; target: InputPortTarget }>;
  /** The successor's normalized ref (see `checkSuccessor`). */
  successor?: string;
}

export function dataProductReferences(
  entity: DataProductEntityV1alpha1,
): DataProductReferences {
  const defaultNamespace = entity.metadata.namespace ?? 'default';
  return {
    owner: parseEntityRef(entity.spec.owner, {
      defaultKind: 'group',
      defaultNamespace,
    }),
    domain: parseEntityRef(entity.spec.domain, {
      defaultKind: 'domain',
      defaultNamespace,
    }),
    upstreams: (entity.spec.inputPorts ?? []).flatMap((port, index) => {
      const target = port.from
        ? parseInputPortRef(port.from, defaultNamespace)
        : undefined;
      return target ? [{ index, target }] : [];
    }),
    successor: deprecationOf(entity)?.successorRef,
  };
}

/** An entity ref in the lowercase form the catalog compares refs in. */
export function normalizedEntityRef(
  ref: CompoundEntityRef | { kind: string; namespace?: string; name: string },
): string {
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/**
 * What is known of a referenced entity: undefined when it does not exist;
 * `outputPorts` undefined when it exists but its ports cannot be trusted.
 */
export type ReferencedEntity = { outputPorts?: string[] };

/**
 * Checks that a product's owner, domain and upstream output ports exist,
 * looking them up by normalized ref. `where` says where they were looked
 * for, e.g. "in the catalog".
 */
export function checkDataProductReferences(
  entity: DataProductEntityV1alpha1,
  options: {
    lookup: (ref: string) => ReferencedEntity | undefined;
    where: string;
    checkOwnerAndDomain?: boolean;
  },
): ValidationIssue[] {
  const { lookup, where, checkOwnerAndDomain = true } = options;
  const refs = dataProductReferences(entity);
  const issues: ValidationIssue[] = [];
  if (checkOwnerAndDomain) {
    for (const field of ['owner', 'domain'] as const) {
      const ref = normalizedEntityRef(refs[field]);
      if (!lookup(ref)) {
        // The kind written: an owner may be a Group or a User.
        const kind = refs[field].kind.toLocaleLowerCase('en-US');
        issues.push({
          path: `spec.${field}`,
          message: `${ref} is not ${where} (expected an existing ${
            kind[0].toUpperCase() + kind.slice(1)
          })`,
        });
      }
    }
  }
  /** Each upstream and its port names, looked up once for all its ports. */
  const upstreams = new Map<
    string,
    { entity?: ReferencedEntity; ports?: Set<string> }
  >();
  for (const { index, target } of refs.upstreams) {
    const path = `spec.inputPorts[${index}].from`;
    let found = upstreams.get(target.productRef);
    if (!found) {
      const referenced = lookup(target.productRef);
      found = {
        entity: referenced,
        ports: referenced?.outputPorts && new Set(referenced.outputPorts),
      };
      upstreams.set(target.productRef, found);
    }
    const upstream = found.entity;
    if (!upstream) {
      issues.push({
        path,
        message: `${target.productRef} is not ${where} (expected an existing DataProduct)`,
      });
    } else if (!upstream.outputPorts) {
      issues.push({
        path,
        message: `${target.productRef} is itself invalid, so its ports cannot be checked`,
      });
    } else if (!found.ports!.has(target.port)) {
      issues.push({
        path,
        message: `${target.productRef} has no output port ${JSON.stringify(
          target.port,
        )} (it has: ${someOf(upstream.outputPorts) || 'none'})`,
      });
    }
  }
  return issues;
}
