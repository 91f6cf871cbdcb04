import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createOrm, migrate, type MikroORM } from '@econtract/server-kit';
import { cloneTemplate, DemoIds } from '@econtract/testkit';
import { billing } from '../src/index.ts';

const opened: MikroORM[] = [];
afterAll(() => Promise.all(opened.map((orm) => orm.close())));

/** Billing's schema migrated up to (and including) migration number `upTo`, on a database of its own. */
async function billingAt(url: string, upTo: number): Promise<MikroORM> {
  const orm = await createOrm({ url, schema: 'billing', entities: billing.entities, migrations: billing.migrations.slice(0, upTo) });
  opened.push(orm);
  await migrate(orm, url, 'billing');
  return orm;
}

describe('migration 5: list numbers (seq) for lots, payments and usages', () => {
  it('numbers existing rows in the order their lists showed them, and new rows after them', async () => {
    const url = await cloneTemplate(inject('testDatabaseServer'));
    // The template is migrated already: billing starts again from an empty schema.
    const setup = await createOrm({ url, schema: 'billing', entities: billing.entities, migrations: [] });
    opened.push(setup);
    await setup.em.getConnection().execute(`drop schema "billing" cascade`);
    const old = await billingAt(url, 4);
    const run = (query: string, params: unknown[] = []) => old.em.getConnection().execute(query, params);
    await run(`insert into billing.plan values ('SOHO', '소호형', 'PAID', 30, 99000, 12, true, 0)`);

    // Inserted in an order different from the lists' order.
    const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();
    const lots = [3, 1, 2].map((minute) => ({ id: randomUUID(), minute }));
    for (const lot of lots) {
      await run(
        `insert into billing.prepaid_lot (id, company_id, plan_code, kind, charged_count, purchased_at, expires_at) values (?, ?, 'SOHO', 'PAID', 30, ?, ?)`,
        [lot.id, DemoIds.company, at(lot.minute), at(10_000)],
      );
    }
    const payments = [2, 3, 1].map((minute) => ({ id: randomUUID(), minute }));
    for (const payment of payments) {
      await run(
        `insert into billing.payment (id, order_id, company_id, plan_code, amount_krw, supply_krw, vat_krw, status, requested_by, created_at) values (?, ?, ?, 'SOHO', 99000, 90000, 9000, 'APPROVED', ?, ?)`,
        [payment.id, `order_${payment.id.replaceAll('-', '')}`, DemoIds.company, DemoIds.totalAdmin, at(payment.minute)],
      );
    }
    const usages = [2, 1, 3].map((minute) => ({ id: randomUUID(), minute }));
    for (const usage of usages) {
      await run(`insert into billing.usage (id, company_id, contract_id, lot_id, consumed_at) values (?, ?, ?, ?, ?)`, [
        usage.id,
        DemoIds.company,
        randomUUID(),
        lots[0]!.id,
        at(usage.minute),
      ]);
    }

    const now = await billingAt(url, 5);
    const numbered = (table: string, order: string) => now.em.getConnection().execute(`select id, seq from billing.${table} order by ${order}`);
    const inOrder = (rows: Array<{ minute: number; id: string }>) =>
      [...rows].sort((a, b) => a.minute - b.minute).map((row, index) => ({ id: row.id, seq: String(index + 1) }));
    expect(await numbered('prepaid_lot', 'seq')).toEqual(inOrder(lots));
    expect(await numbered('payment', 'seq')).toEqual(inOrder(payments));
    expect(await numbered('usage', 'seq')).toEqual(inOrder(usages));

    const [next] = await now.em
      .getConnection()
      .execute(
        `insert into billing.payment (id, order_id, company_id, plan_code, amount_krw, supply_krw, vat_krw, status, requested_by) values (?, 'order_next', ?, 'SOHO', 99000, 90000, 9000, 'READY', ?) returning seq`,
        [randomUUID(), DemoIds.company, DemoIds.totalAdmin],
      );
    expect(next).toEqual({ seq: '4' });
  });
});
