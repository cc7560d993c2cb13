import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  ExemptionEvent,
  ExemptionState,
  StoredExemption,
} from '@meshwork/plugin-governance-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { migrateGovernanceDatabase } from './migrateGovernanceDatabase';

type Row = {
  id: string;
  entity_ref: string;
  check_id: string;
  justification: string;
  approver: string;
  created_by: string;
  created_at: number | string;
  expires_at: number | string;
  revoked_at: number | string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
};

export type NewExemption = {
  entityRef: string;
  checkId: string;
  justification: string;
  approver: string;
  expiresAt: number;
};

const iso = (time: number | string) => new Date(Number(time)).toISOString();

/**
 * The actor the audit trail names for what governance does by itself: this
 * plugin's own service principal. Such a revocation has no `revokedBy`.
 */
const GOVERNANCE_ACTOR = 'plugin:governance';

/** Why an exemption ended with its product's removal from the catalog. */
const PRODUCT_REMOVED_REASON = 'The product left the catalog';

/**
 * Taken shared by grants and exclusively by a removal's revocations, so that
 * a removal waits for the grants in progress and revokes what they stored,
 * and a grant after it finds the product gone (Postgres only: SQLite writes
 * one transaction at a time). One lock, not one per product, as a removal
 * may end thousands.
 */
const EXEMPTIONS_LOCK = 'governance_exemptions';

function stateOf(row: Row, now: number): ExemptionState {
  if (row.revoked_at !== null) return 'revoked';
  return Number(row.expires_at) > now ? 'active' : 'expired';
}

function toExemption(row: Row, now: number): StoredExemption {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    justification: row.justification,
    approver: row.approver,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    ...(row.revoked_at !== null && {
      revokedAt: iso(row.revoked_at),
      revokedBy: row.revoked_by ?? undefined,
      revocationReason: row.revocation_reason ?? undefined,
    }),
    state: stateOf(row, now),
  };
}

/**
 * Revokes an exemption in force (neither revoked nor expired), with its
 * event; false when there is none such (already revoked or expired, or no
 * such id). An expired one keeps its history as it ended. Without an actor,
 * governance itself revoked it.
 */
async function revokeInTransaction(
  tx: Knex.Transaction,
  id: string,
  actor: string | undefined,
  reason: string,
  now: number,
): Promise<boolean> {
  const changed = await tx('governance_exemptions')
    .where('id', id)
    .whereNull('revoked_at')
    .where('expires_at', '>', now)
    .update({
      revoked_at: now,
      revoked_by: actor ?? null,
      revocation_reason: reason,
    });
  if (changed === 0) return false;
  await tx('governance_exemption_events').insert({
    exemption_id: id,
    action: 'revoked',
    actor: actor ?? GOVERNANCE_ACTOR,
    at: now,
    details: JSON.stringify({ reason }),
  });
  return true;
}

/**
 * Exemptions and their audit trail. Nothing is deleted: an exemption stops
 * applying when it expires or is revoked, and each change is an event.
 */
export class ExemptionStore {
  static async create(
    db: Knex,
    options: { skipMigrations?: boolean } = {},
  ): Promise<ExemptionStore> {
    if (!options.skipMigrations) {
      await migrateGovernanceDatabase(db);
    }
    return new ExemptionStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Stores a grant, replacing the one in force for its check. Its time is
   * read from `clock` once the grant's turn has come, so that the grant
   * stored last is the latest and stays in force. With `checkedInCatalogAt`,
   * when the caller found the product in the catalog (before, as the catalog
   * is not asked in the transaction), one removed since then gets no
   * exemption, which nothing would revoke.
   */
  async add(
    exemption: NewExemption,
    actor: string,
    clock: () => number,
    checkedInCatalogAt?: number,
  ): Promise<StoredExemption> {
    return this.db.transaction(async tx => {
      // A new grant for a product's check replaces the one in force (an
      // extension, say): one exemption applies, and revoking it ends it.
      // Grants of one check are taken in turn, so that two at once cannot
      // both miss each other (SQLite writes one transaction at a time).
      if (tx.client.config.client === 'pg') {
        await tx.raw('select pg_advisory_xact_lock_shared(hashtext(?))', [
          EXEMPTIONS_LOCK,
        ]);
        await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
          `governance_exemptions:${exemption.entityRef}#${exemption.checkId}`,
        ]);
      }
      // A removal from now on waits for this grant and ends it; one since the
      // check has been recorded by now.
      if (
        checkedInCatalogAt !== undefined &&
        (await tx('governance_removals')
          .where('entity_ref', exemption.entityRef)
          .where('removed_at', '>=', checkedInCatalogAt)
          .first())
      ) {
        throw new InputError(
          `entityRef: no data product ${exemption.entityRef} in the catalog`,
        );
      }
      const asked = clock();
      const superseded = await tx<Row>('governance_exemptions')
        .where({ entity_ref: exemption.entityRef, check_id: exemption.checkId })
        .whereNull('revoked_at')
        .where('expires_at', '>', asked)
        .select('id', 'created_at');
      // Not dated before what it supersedes, which another replica, whose
      // clock may run ahead of this one's, can have granted.
      const now = Math.max(
        asked,
        ...superseded.map(({ created_at }) => Number(created_at)),
      );
      const row: Row = {
        id: randomUUID(),
        entity_ref: exemption.entityRef,
        check_id: exemption.checkId,
        justification: exemption.justification,
        approver: exemption.approver,
        created_by: actor,
        created_at: now,
        expires_at: exemption.expiresAt,
        revoked_at: null,
        revoked_by: null,
        revocation_reason: null,
      };
      const stored = toExemption(row, now);
      const reason = `Superseded by exemption ${row.id}`;
      for (const { id } of superseded) {
        // One revoked meanwhile keeps who revoked it, and why.
        await revokeInTransaction(tx, id, actor, reason, now);
      }
      await tx('governance_exemptions').insert(row);
      await tx('governance_exemption_events').insert({
        exemption_id: row.id,
        action: 'created',
        actor,
        at: now,
        details: JSON.stringify({
          entityRef: stored.entityRef,
          checkId: stored.checkId,
          justification: stored.justification,
          approver: stored.approver,
          expiresAt: stored.expiresAt,
        }),
      });
      return stored;
    });
  }

  /**
   * Ends an exemption before its expiry; a revoked one stays revoked, and an
   * expired one expired (a conflict either way).
   */
  async revoke(
    id: string,
    actor: string,
    reason: string,
    now: number,
  ): Promise<StoredExemption> {
    return this.db.transaction(async tx => {
      // Only an unrevoked one changes, so two revocations cannot both win.
      const changed = await revokeInTransaction(tx, id, actor, reason, now);
      const row = await tx<Row>('governance_exemptions')
        .where('id', id)
        .first();
      if (!row) throw new NotFoundError(`No exemption ${id}`);
      if (!changed && row.revoked_at !== null) {
        throw new ConflictError(
          `Exemption ${id} was already revoked at ${iso(row.revoked_at)}`,
        );
      }
      if (!changed) {
        throw new ConflictError(
          `Exemption ${id} already expired at ${iso(row.expires_at)}`,
        );
      }
      return toExemption(row, now);
    });
  }

  /**
   * Ends the exemptions in force of products gone from the catalog, as
   * revoked by governance, so that none carries over to a later product of
   * the same name; in the transaction that removed their scorecards.
   */
  async revokeOfRemovedProducts(
    entityRefs: string[],
    now: number,
    tx: Knex.Transaction,
  ): Promise<void> {
    if (tx.client.config.client === 'pg') {
      await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        EXEMPTIONS_LOCK,
      ]);
    }
    for (let i = 0; i < entityRefs.length; i += 500) {
      const ids = await tx<Row>('governance_exemptions')
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .whereNull('revoked_at')
        .where('expires_at', '>', now)
        .pluck('id');
      for (const id of ids) {
        await revokeInTransaction(
          tx,
          id,
          undefined,
          PRODUCT_REMOVED_REASON,
          now,
        );
      }
    }
  }

  async get(
    id: string,
    now: number,
  ): Promise<(StoredExemption & { events: ExemptionEvent[] }) | undefined> {
    const row = await this.db<Row>('governance_exemptions')
      .where('id', id)
      .first();
    if (!row) return undefined;
    const events = await this.db('governance_exemption_events')
      .where('exemption_id', id)
      .orderBy('id');
    return {
      ...toExemption(row, now),
      events: events.map(event => ({
        action: event.action,
        actor: event.actor,
        at: iso(event.at),
        details: JSON.parse(event.details),
      })),
    };
  }

  /**
   * Exemptions in a state at `now` (default: active), of some products or
   * all, and expiring before a time if asked; soonest expiry first.
   */
  async list(
    now: number,
    filter: {
      entityRefs?: string[];
      state?: ExemptionState | 'all';
      expiringBefore?: number;
    } = {},
  ): Promise<StoredExemption[]> {
    const state = filter.state ?? 'active';
    const rows = await this.db<Row>('governance_exemptions')
      .where(builder => {
        if (filter.entityRefs) builder.whereIn('entity_ref', filter.entityRefs);
        if (state === 'revoked') builder.whereNotNull('revoked_at');
        if (state === 'active' || state === 'expired') {
          builder.whereNull('revoked_at');
        }
        if (state === 'active') builder.where('expires_at', '>', now);
        if (state === 'expired') builder.where('expires_at', '<=', now);
        if (filter.expiringBefore !== undefined) {
          builder.where('expires_at', '<=', filter.expiringBefore);
        }
      })
      .orderBy([
        { column: 'expires_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => toExemption(row, now));
  }
}
