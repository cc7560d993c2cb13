import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
  describeIssues,
  parseDataContract,
  someIssues,
  someOf,
  validateDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import {
  builtinCheckIds,
  ExemptionRequest,
  MAX_EXEMPTION_DAYS,
} from '@meshwork/plugin-governance-common';
import { z } from 'zod';
import type { NewExemption } from '../store/ExemptionStore';
import { catalogEntityProblem } from './catalogEntityProblem';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Issues keep the value they refused: a wrong type then is told from a missing field. */
const WITH_INPUT = { reportInput: true };

/** As long as the stores' ref columns hold. */
const MAX_REF_LENGTH = 512;

/**
 * Text stored as sent: drivers replace an unpaired surrogate (Postgres with
 * one U+FFFD, SQLite with three), while the audit event's JSON keeps it
 * escaped, so the two would differ. rejectNulCharacters refuses a NUL before.
 */
const storableText = z
  .string()
  .refine(
    text => (text as string & { isWellFormed(): boolean }).isWellFormed(),
    { message: 'must not contain an unpaired surrogate', abort: true },
  );

const entityRefText = (kinds: string[]) =>
  storableText.superRefine((text, ctx) => {
    try {
      const ref = parseEntityRef(text);
      // As stored, in full and lower-cased: `user:ana` grows by `default/`,
      // and a letter may grow too (İ is two once lower-cased).
      const full = `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase(
        'en-US',
      );
      if (full.length > MAX_REF_LENGTH) {
        ctx.addIssue({
          code: 'custom',
          message: `expected at most ${MAX_REF_LENGTH} characters as a full ref (got ${
            full.length
          } in ${full.slice(0, 40)}…)`,
        });
      }
      if (!kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a ${kinds.join(' or ')} entity ref (got kind ${
            ref.kind
          })`,
        });
      }
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `expected an entity ref like ${
          kinds[0]
        }:default/name (got ${JSON.stringify(text)})`,
      });
    }
  });

const exemptionSchema = z
  .object({
    entityRef: entityRefText(['dataproduct']),
    checkId: z.string().refine(id => builtinCheckIds.includes(id), {
      message: `expected one of ${builtinCheckIds.join(', ')}`,
    }),
    justification: storableText
      .trim()
      .min(1, 'must say why the check is waived')
      .max(2000),
    approver: entityRefText(['user', 'group']),
    expiresAt: z.iso.datetime({
      offset: true,
      message: 'expected an ISO 8601 time, e.g. 2027-01-31T00:00:00Z',
    }),
  })
  .strict() satisfies z.ZodType<ExemptionRequest>;

/** The body of `POST /exemptions`, or a 400 naming each bad field. */
export function parseNewExemption(body: unknown, now: number): NewExemption {
  const parsed = exemptionSchema.safeParse(body ?? {}, WITH_INPUT);
  if (!parsed.success) {
    throw new InputError(describeIssues(parsed.error.issues));
  }
  const { entityRef, approver, expiresAt, ...rest } = parsed.data;
  const expiry = Date.parse(expiresAt);
  if (expiry <= now) {
    throw new InputError(
      `expiresAt: must be in the future (got ${expiresAt}, now ${new Date(
        now,
      ).toISOString()})`,
    );
  }
  if (expiry > now + MAX_EXEMPTION_DAYS * DAY_MS) {
    throw new InputError(
      `expiresAt: at most ${MAX_EXEMPTION_DAYS} days ahead (got ${expiresAt})`,
    );
  }
  const lower = (ref: string, kind: string) => {
    const {
      kind: k,
      namespace,
      name,
    } = parseEntityRef(ref, {
      defaultKind: kind,
    });
    return `${k}:${namespace}/${name}`.toLocaleLowerCase('en-US');
  };
  return {
    ...rest,
    entityRef: lower(entityRef, DATA_PRODUCT_KIND),
    approver: lower(approver, 'user'),
    expiresAt: expiry,
  };
}

const revocationSchema = z
  .object({
    reason: storableText.trim().min(1, 'must say why').max(2000),
  })
  .strict();

/** The body of `POST /exemptions/:id/revoke`. */
export function parseRevocation(body: unknown): string {
  const parsed = revocationSchema.safeParse(body ?? {}, WITH_INPUT);
  if (!parsed.success) {
    throw new InputError(describeIssues(parsed.error.issues));
  }
  return parsed.data.reason;
}

/**
 * The body of `POST /evaluate`: a DataProduct entity and, optionally, the
 * YAML text of its contracts by output port name, inlined into the ports.
 * An entity the catalog would refuse (a bad namespace, tag, label or
 * annotation, say) is refused as well.
 */
export async function parseDryRun(
  body: unknown,
): Promise<DataProductEntityV1alpha1> {
  const { entity, contracts, ...extra } = (body ?? {}) as Record<
    string,
    unknown
  >;
  const unexpected = Object.keys(extra);
  if (unexpected.length) {
    throw new InputError(
      `${unexpected[0]}: unexpected field (expected entity and contracts)`,
    );
  }
  const issues = validateDataProductEntity(entity);
  if (issues.length > 0) {
    throw new InputError(
      someIssues(
        issues.map(
          issue =>
            `${issue.path ? `entity.${issue.path}` : 'entity'}: ${
              issue.message
            }`,
        ),
      ),
    );
  }
  const product = structuredClone(entity) as DataProductEntityV1alpha1;
  const problem = await catalogEntityProblem(product);
  if (problem) throw new InputError(problem);
  if (contracts === undefined) return product;
  const texts = z
    .record(z.string(), z.string())
    .safeParse(contracts, WITH_INPUT);
  if (!texts.success) {
    throw new InputError(describeIssues(texts.error.issues, 'contracts'));
  }
  for (const [portName, text] of Object.entries(texts.data)) {
    const port = product.spec.outputPorts.find(p => p.name === portName);
    if (!port) {
      throw new InputError(
        `contracts.${portName}: not an output port of the entity (expected one of ${someOf(
          product.spec.outputPorts.map(p => p.name),
        )})`,
      );
    }
    const { document, errors } = parseDataContract(text);
    if (errors.length > 0) {
      throw new InputError(
        someIssues(
          errors.map(
            e =>
              `contracts.${portName}${e.path ? `: ${e.path}` : ''}: ${
                e.message
              }`,
          ),
        ),
      );
    }
    port.contract = document as typeof port.contract;
  }
  return product;
}
