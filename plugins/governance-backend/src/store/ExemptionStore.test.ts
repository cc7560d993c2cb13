import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { StoredExemption } from '@meshwork/plugin-governance-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { ExemptionStore } from './ExemptionStore';
import { ScorecardStore } from './ScorecardStore';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-24T00:00:00Z');

const exemption = (checkId: string, days: number) => ({
  entityRef: 'dataproduct:default/orders',
  checkId,
  justification: 'Runbook being written',
  approver: 'user:default/fiona.walsh',
  expiresAt: T0 + days * DAY,
});

describe('ExemptionStore', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'refuses a grant of a product removed since its catalog check, even one waiting on the removal, and ends one stored before, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ExemptionStore.create(db);
      const actor = 'user:default/amelia.hughes';
      // A grant found in the catalog at T0, stored while the removal at
      // T0 + DAY is under way: it waits for the removal (a second at most),
      // then finds the product gone.
      let waiting: Promise<unknown> | undefined;
      const scorecards = await ScorecardStore.create(db, {
        onRemove: async (refs, now, tx) => {
          await store.revokeOfRemovedProducts(refs, now, tx);
          waiting ??= store
            .add(
              exemption('description-present', 30),
              actor,
              () => T0 + DAY,
              T0,
            )
            .catch(error => error);
          await Promise.race([
            waiting,
            new Promise(resolve => setTimeout(resolve, 1000)),
          ]);
        },
      });
      const granted = await store.add(
        exemption('runbook-present', 30),
        actor,
        () => T0,
        T0,
      );

      await scorecards.save([], T0 + DAY, {
        remove: ['dataproduct:default/orders'],
      });
      expect(await waiting).toEqual(
        new InputError(
          'entityRef: no data product dataproduct:default/orders in the catalog',
        ),
      );
      // The one stored before the removal ended with it.
      expect(await store.get(granted.id, T0 + DAY)).toMatchObject({
        state: 'revoked',
        revocationReason: 'The product left the catalog',
      });
      // Found in the catalog at the removal's time, it is refused too.
      await expect(
        store.add(
          exemption('owner-present', 30),
          actor,
          () => T0 + DAY,
          T0 + DAY,
        ),
      ).rejects.toThrow(InputError);
      expect(await store.list(T0 + DAY, { state: 'all' })).toEqual([
        expect.objectContaining({ id: granted.id }),
      ]);

      // Found in the catalog after the removal, it came back.
      const again = await store.add(
        exemption('owner-present', 30),
        actor,
        () => T0 + 2 * DAY,
        T0 + 2 * DAY,
      );
      expect(again.state).toBe('active');
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a grant while its catalog check, outside the transaction, uses the database, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ExemptionStore.create(db);
      const actor = 'user:default/amelia.hughes';
      // The catalog check may need this database (the plugin's token keys,
      // say): were it made in the grant's transaction, it would wait for it
      // on SQLite's one connection until the pool gave up.
      const catalogCheck = async () => {
        await db('governance_exemptions').count({ n: '*' });
        return true;
      };
      const grant = async (checkId: string) => {
        const checkedAt = T0;
        if (!(await catalogCheck())) throw new Error('not in the catalog');
        return store.add(exemption(checkId, 30), actor, () => T0, checkedAt);
      };
      const stored = await Promise.race([
        Promise.all([grant('runbook-present'), grant('description-present')]),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('the grants waited')), 5000),
        ),
      ]);
      expect(stored).toHaveLength(2);
      expect((await store.list(T0)).map(e => e.checkId).sort()).toEqual([
        'description-present',
        'runbook-present',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'replaces the exemption in force for a check by a new grant, on %p',
    async databaseId => {
      const store = await ExemptionStore.create(
        await databases.init(databaseId),
      );
      const first = await store.add(
        exemption('runbook-present', 5),
        'user:default/amelia.hughes',
        () => T0,
      );
      const other = await store.add(
        exemption('description-present', 5),
        'user:default/amelia.hughes',
        () => T0,
      );
      const extended = await store.add(
        exemption('runbook-present', 30),
        'user:default/fiona.walsh',
        () => T0 + DAY,
      );
      expect(
        (await store.list(T0 + DAY)).map(e => [e.checkId, e.expiresAt]),
      ).toEqual([
        ['description-present', other.expiresAt],
        ['runbook-present', extended.expiresAt],
      ]);
      expect(await store.get(first.id, T0 + DAY)).toMatchObject({
        state: 'revoked',
        revokedBy: 'user:default/fiona.walsh',
        revocationReason: `Superseded by exemption ${extended.id}`,
        events: [
          expect.objectContaining({ action: 'created' }),
          expect.objectContaining({
            action: 'revoked',
            details: { reason: `Superseded by exemption ${extended.id}` },
          }),
        ],
      });
      // Revoking the one in force ends the exemption of that check.
      await store.revoke(
        extended.id,
        'user:default/fiona.walsh',
        'Done',
        T0 + 2 * DAY,
      );
      expect((await store.list(T0 + 2 * DAY)).map(e => e.checkId)).toEqual([
        'description-present',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "revokes a product's exemptions in force when either pass removes it, as governance, keeping their history, on %p",
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ExemptionStore.create(db);
      const scorecards = await ScorecardStore.create(db, {
        onRemove: (refs, now, tx) =>
          store.revokeOfRemovedProducts(refs, now, tx),
      });
      const of = (name: string, checkId: string, days: number) => ({
        ...exemption(checkId, days),
        entityRef: `dataproduct:default/${name}`,
      });
      const card = (name: string) => ({
        entityRef: `dataproduct:default/${name}`,
        domain: 'domain:default/checkout',
        owner: 'group:default/checkout-data',
        score: 100,
        level: 'gold' as const,
        checks: [],
        evaluatedAt: new Date(T0).toISOString(),
        sourceHash: name,
      });
      const actor = 'user:default/amelia.hughes';
      const returns = await store.add(
        of('returns', 'runbook-present', 30),
        actor,
        () => T0,
      );
      const expired = await store.add(
        of('returns', 'description-present', 1),
        actor,
        () => T0,
      );
      const carts = await store.add(
        of('carts', 'runbook-present', 30),
        actor,
        () => T0,
      );
      const orders = await store.add(
        of('orders', 'runbook-present', 30),
        actor,
        () => T0,
      );
      await scorecards.save(
        [card('orders'), card('returns'), card('carts')],
        T0,
        {
          complete: true,
        },
      );

      // Change detection removes returns; a full pass, carts.
      const t2 = T0 + 2 * DAY;
      await scorecards.save([], t2, {
        remove: ['dataproduct:default/returns'],
      });
      const t3 = T0 + 3 * DAY;
      await scorecards.save([card('orders')], t3, { complete: true });

      expect((await store.list(t3)).map(e => e.id)).toEqual([orders.id]);
      expect(await store.get(returns.id, t3)).toMatchObject({
        state: 'revoked',
        revokedAt: new Date(t2).toISOString(),
        revocationReason: 'The product left the catalog',
        events: [
          expect.objectContaining({ action: 'created', actor }),
          {
            action: 'revoked',
            actor: 'plugin:governance',
            at: new Date(t2).toISOString(),
            details: { reason: 'The product left the catalog' },
          },
        ],
      });
      // No user revoked it: the page says when and why, naming nobody.
      expect((await store.get(returns.id, t3))?.revokedBy).toBeUndefined();
      expect(await store.get(carts.id, t3)).toMatchObject({
        state: 'revoked',
        revokedAt: new Date(t3).toISOString(),
      });
      // One that had expired ended as it was.
      expect(await store.get(expired.id, t3)).toMatchObject({
        state: 'expired',
        events: [expect.objectContaining({ action: 'created' })],
      });
      // A later product of the same name starts with no exemption.
      await scorecards.save([card('returns')], T0 + 4 * DAY);
      expect(
        await store.list(T0 + 4 * DAY, {
          entityRefs: ['dataproduct:default/returns'],
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the history and exemptions of products missing from the catalog for the grace period, and removes them after it, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ExemptionStore.create(db);
      const scorecards = await ScorecardStore.create(db, {
        onRemove: (refs, now, tx) =>
          store.revokeOfRemovedProducts(refs, now, tx),
        removalGracePeriodMs: DAY,
      });
      const ref = (name: string) => `dataproduct:default/${name}`;
      const card = (name: string, score = 100) => ({
        entityRef: ref(name),
        domain: 'domain:default/checkout',
        owner: 'group:default/checkout-data',
        score,
        level: 'gold' as const,
        checks: [],
        evaluatedAt: new Date(T0).toISOString(),
        sourceHash: name,
      });
      const actor = 'user:default/amelia.hughes';
      const grant = (name: string) =>
        store.add(
          { ...exemption('runbook-present', 30), entityRef: ref(name) },
          actor,
          () => T0,
        );
      const [orders, returns, carts] = [
        await grant('orders'),
        await grant('returns'),
        await grant('carts'),
      ];
      // Never scored (lineage down since it came), but exempted.
      const draft = await grant('draft');
      const all = ['orders', 'returns', 'carts'];
      await scorecards.save(
        all.map(name => card(name)),
        T0,
        {
          complete: true,
        },
      );
      await scorecards.save(
        all.map(name => card(name, 90)),
        T0 + HOUR,
        { complete: true },
      );
      const historyOf = (name: string) =>
        scorecards.history(ref(name), T0, T0 + 30 * DAY);
      const before = await historyOf('returns');
      expect(before).toHaveLength(2);

      // The catalog holds nothing for a while: a full pass finds every
      // product missing, and change detection the one never scored.
      const t1 = T0 + 2 * HOUR;
      expect(
        await scorecards.save([], t1, { complete: true, keep: [] }),
      ).toEqual({
        missing: all.map(ref),
        removed: [],
      });
      await scorecards.save([], t1, { remove: [ref('draft')] });
      // Scorecards hidden and no history answered while missing; history
      // (shown again below) and exemptions kept.
      expect(await scorecards.list()).toEqual([]);
      expect(await scorecards.all()).toEqual([]);
      expect(await scorecards.get(ref('orders'))).toBeUndefined();
      expect(await historyOf('returns')).toEqual([]);
      expect((await store.list(t1)).map(e => e.id).sort()).toEqual(
        [orders.id, returns.id, carts.id, draft.id].sort(),
      );

      // Orders and returns come back: orders scored, returns unchanged (so
      // only seen present), just within the grace period.
      const t2 = t1 + DAY - 1;
      await scorecards.save([card('orders', 90)], t2);
      await scorecards.save([], t2, {
        remove: [ref('carts'), ref('draft')],
        present: [ref('returns')],
      });
      expect((await scorecards.list()).map(c => c.entityRef)).toEqual([
        ref('orders'),
        ref('returns'),
      ]);
      expect(await historyOf('returns')).toEqual(before);
      expect(await scorecards.departures()).toEqual(
        new Set([ref('carts'), ref('draft')]),
      );

      // A day after they went missing, carts and draft are removed, and
      // their exemptions revoked; orders and returns continue.
      const t3 = t1 + DAY;
      expect(
        await scorecards.save([card('orders', 90), card('returns', 90)], t3, {
          complete: true,
        }),
      ).toEqual({ missing: [], removed: [ref('carts')] });
      expect(await scorecards.save([], t3, { remove: [ref('draft')] })).toEqual(
        { missing: [], removed: [ref('draft')] },
      );
      expect(await historyOf('carts')).toEqual([]);
      // Its history continues: an hourly point after those before.
      expect(await historyOf('returns')).toEqual([
        ...before,
        expect.objectContaining({ evaluatedAt: new Date(t3).toISOString() }),
      ]);
      expect((await store.list(t3)).map(e => e.id).sort()).toEqual(
        [orders.id, returns.id].sort(),
      );
      for (const removed of [carts, draft]) {
        expect(await store.get(removed.id, t3)).toMatchObject({
          state: 'revoked',
          revokedAt: new Date(t3).toISOString(),
          revocationReason: 'The product left the catalog',
        });
      }
      expect(await scorecards.departures()).toEqual(new Set());

      // Returns missing again starts a new grace period.
      const t4 = t3 + HOUR;
      await scorecards.save([card('orders', 90)], t4, { complete: true });
      await scorecards.save([], t4 + DAY - 1, { remove: [ref('returns')] });
      expect((await store.list(t4 + DAY - 1)).map(e => e.id).sort()).toEqual(
        [orders.id, returns.id].sort(),
      );
      await scorecards.save([], t4 + DAY, { remove: [ref('returns')] });
      expect((await store.list(t4 + DAY)).map(e => e.id)).toEqual([orders.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps exemptions through expiry and revocation, with their audit trail, on %p',
    async databaseId => {
      const store = await ExemptionStore.create(
        await databases.init(databaseId),
      );
      const soon = await store.add(
        exemption('runbook-present', 2),
        'user:default/amelia.hughes',
        () => T0,
      );
      const later = await store.add(
        exemption('description-present', 20),
        'user:default/amelia.hughes',
        () => T0,
      );
      expect(soon).toMatchObject({
        entityRef: 'dataproduct:default/orders',
        checkId: 'runbook-present',
        createdBy: 'user:default/amelia.hughes',
        createdAt: '2026-11-24T00:00:00.000Z',
        expiresAt: '2026-11-26T00:00:00.000Z',
        state: 'active',
      });
      expect((await store.list(T0)).map(e => e.id)).toEqual([
        soon.id,
        later.id,
      ]);
      expect(
        (await store.list(T0, { expiringBefore: T0 + 7 * DAY })).map(e => e.id),
      ).toEqual([soon.id]);

      // Three days on, the first has expired by itself.
      const t3 = T0 + 3 * DAY;
      expect((await store.list(t3)).map(e => e.id)).toEqual([later.id]);
      expect(
        (await store.list(t3, { state: 'expired' })).map(e => e.state),
      ).toEqual(['expired']);

      const revoked = await store.revoke(
        later.id,
        'user:default/fiona.walsh',
        'Description added',
        t3,
      );
      expect(revoked).toMatchObject({
        state: 'revoked',
        revokedBy: 'user:default/fiona.walsh',
        revocationReason: 'Description added',
        revokedAt: new Date(t3).toISOString(),
      });
      expect(await store.list(t3)).toEqual([]);
      await expect(
        store.revoke(later.id, 'user:default/fiona.walsh', 'again', t3),
      ).rejects.toThrow(ConflictError);
      await expect(
        store.revoke('no-such-id', 'user:default/fiona.walsh', 'x', t3),
      ).rejects.toThrow(NotFoundError);
      // An expired one ended as it was: revoking it later rewrites nothing.
      const late = store.revoke(soon.id, 'user:default/fiona.walsh', 'x', t3);
      await expect(late).rejects.toThrow(ConflictError);
      await expect(late).rejects.toThrow(
        `Exemption ${soon.id} already expired at 2026-11-26T00:00:00.000Z`,
      );
      expect(await store.get(soon.id, t3)).toMatchObject({
        state: 'expired',
        events: [expect.objectContaining({ action: 'created' })],
      });
      expect(await store.get(soon.id, t3)).not.toHaveProperty('revokedAt');

      // Nothing is deleted: every exemption and what happened to it stays.
      expect(
        (await store.list(t3, { state: 'all' })).map(e => [e.id, e.state]),
      ).toEqual([
        [soon.id, 'expired'],
        [later.id, 'revoked'],
      ]);
      expect((await store.get(later.id, t3))?.events).toEqual([
        {
          action: 'created',
          actor: 'user:default/amelia.hughes',
          at: new Date(T0).toISOString(),
          details: {
            entityRef: 'dataproduct:default/orders',
            checkId: 'description-present',
            justification: 'Runbook being written',
            approver: 'user:default/fiona.walsh',
            expiresAt: new Date(T0 + 20 * DAY).toISOString(),
          },
        },
        {
          action: 'revoked',
          actor: 'user:default/fiona.walsh',
          at: new Date(t3).toISOString(),
          details: { reason: 'Description added' },
        },
      ]);
      expect(
        await store.list(t3, {
          entityRefs: ['dataproduct:default/carts'],
          state: 'all',
        }),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the grant stored last in force, dated after the one it replaced, when grants asked for together wait their turn, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      const store = await ExemptionStore.create(db);
      // Each reading a millisecond on from the last.
      let time = T0;
      const clock = () => ++time;
      let grants: Promise<StoredExemption[]> | undefined;
      const scorecards = await ScorecardStore.create(db, {
        onRemove: async (refs, now, tx) => {
          await store.revokeOfRemovedProducts(refs, now, tx);
          // Asked for at T0 while another product's removal holds them up,
          // an hour before their turn comes.
          grants ??= Promise.all([
            store.add(
              exemption('runbook-present', 30),
              'user:default/amelia.hughes',
              clock,
            ),
            store.add(
              exemption('runbook-present', 60),
              'user:default/fiona.walsh',
              clock,
            ),
          ]);
          await new Promise(resolve => setTimeout(resolve, 500));
          time = T0 + HOUR;
        },
      });
      await scorecards.save([], T0, { remove: ['dataproduct:default/carts'] });

      const stored = await grants!;
      for (const grant of stored) {
        expect(Date.parse(grant.createdAt)).toBeGreaterThan(T0 + HOUR);
      }
      const all = await store.list(T0 + HOUR, { state: 'all' });
      const inForce = all.filter(e => e.state === 'active');
      const replaced = all.filter(e => e.state === 'revoked');
      expect(inForce).toHaveLength(1);
      expect(replaced).toEqual([
        expect.objectContaining({
          revokedAt: inForce[0].createdAt,
          revocationReason: `Superseded by exemption ${inForce[0].id}`,
        }),
      ]);
      expect(Date.parse(inForce[0].createdAt)).toBeGreaterThan(
        Date.parse(replaced[0].createdAt),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'dates a grant no earlier than the one it replaces, granted by a replica whose clock runs ahead, on %p',
    async databaseId => {
      const store = await ExemptionStore.create(
        await databases.init(databaseId),
      );
      const ahead = await store.add(
        exemption('runbook-present', 30),
        'user:default/amelia.hughes',
        () => T0 + 5000,
      );
      const behind = await store.add(
        exemption('runbook-present', 60),
        'user:default/fiona.walsh',
        () => T0,
      );
      expect(behind.createdAt).toBe(ahead.createdAt);
      expect(await store.get(ahead.id, T0 + 5000)).toMatchObject({
        state: 'revoked',
        revokedAt: ahead.createdAt,
        revocationReason: `Superseded by exemption ${behind.id}`,
      });
      expect((await store.list(T0 + 5000)).map(e => e.id)).toEqual([behind.id]);
    },
  );
});
