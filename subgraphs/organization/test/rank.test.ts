import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack } from '@econtract/testkit';
import { DemoOrganization } from '../src/seed.ts';
import { ok, refused, SAVE_RANKS } from './organization.helpers.ts';

const stack = useStack();
let admin: string;
beforeAll(async () => {
  admin = await stack.login('demo-admin');
});

const [사원, 대리, 과장, 부장] = DemoOrganization.ranks;
const ranksInDb = () => stack.sql('select id, name, position from organization.rank where company_id = ? order by position', [DemoIds.company]);
const rankOf = async (userId: string) => (await stack.sql('select rank_id from organization.staff_profile where user_id = ?', [userId]))[0].rank_id;

describe('ranks (R-RANK-1)', () => {
  it("lists the company's ranks in order to every member, and each member's rank", async () => {
    const token = await stack.login('demo-staff');
    expect((await ok(stack, token, '{ ranks { id name position } }')).ranks).toEqual(DemoOrganization.ranks.map((rank, position) => ({ ...rank, position })));
    expect(await ok(stack, token, '{ viewer { rank { name } } company { ranks { name } } }')).toEqual({
      viewer: { rank: { name: '대리' } },
      company: { ranks: ['사원', '대리', '과장', '부장'].map((name) => ({ name })) },
    });
  });

  it('saves exactly the "after" list: names and order; kept names keep their ids; removed ranks leave their holders', async () => {
    expect(await rankOf(DemoIds.staff)).toBe(대리.id);
    expect(await rankOf(DemoIds.departmentManager)).toBe(부장.id);
    const saved = (await ok(stack, admin, SAVE_RANKS, { names: ['부장', '차장', ' 과장 ', '사원'] })).saveRanks;
    expect(saved).toEqual([
      { id: 부장.id, name: '부장', position: 0 },
      { id: expect.any(String), name: '차장', position: 1 },
      { id: 과장.id, name: '과장', position: 2 },
      { id: 사원.id, name: '사원', position: 3 },
    ]);
    expect(await ranksInDb()).toEqual(saved);
    expect(await rankOf(DemoIds.staff)).toBeNull();
    expect(await rankOf(DemoIds.departmentManager)).toBe(부장.id);

    const [entry] = (await ok(stack, admin, '{ auditLog(first: 1) { edges { node { action targetType before after } } } }')).auditLog.edges;
    expect(entry.node).toMatchObject({ action: 'RANKS_SAVED', targetType: 'RANKS' });
    expect(JSON.parse(entry.node.before).map((rank: { name: string }) => rank.name)).toEqual(['사원', '대리', '과장', '부장']);
    expect(JSON.parse(entry.node.after).map((rank: { name: string }) => rank.name)).toEqual(['부장', '차장', '과장', '사원']);
  });

  it('matches kept names regardless of case and saves the new spelling', async () => {
    await ok(stack, admin, SAVE_RANKS, { names: ['Manager', 'staff'] });
    const [manager] = await ranksInDb();
    const saved = (await ok(stack, admin, SAVE_RANKS, { names: ['Staff', 'MANAGER'] })).saveRanks;
    expect(saved.map((rank: { name: string }) => rank.name)).toEqual(['Staff', 'MANAGER']);
    expect(saved[1].id).toBe(manager.id);
  });

  it('refuses duplicates (regardless of case) and blanks, and changes nothing', async () => {
    await ok(stack, admin, SAVE_RANKS, { names: ['사원', '대리'] });
    const before = await ranksInDb();
    for (const names of [['사원', '사원'], ['Lead', 'lead'], ['사원', '  '], ['사원', ''], ['x'.repeat(31)]]) {
      const refusal = await refused(stack, admin, SAVE_RANKS, { names });
      expect(refusal.code, JSON.stringify(names)).toBe('BAD_USER_INPUT');
    }
    expect((await refused(stack, admin, SAVE_RANKS, { names: ['Lead', 'lead'] })).message).toContain('appears twice');
    expect(await ranksInDb()).toEqual(before);
  });

  it('removes every rank with an empty list', async () => {
    await stack.sql('update organization.staff_profile set rank_id = (select id from organization.rank where company_id = ? and name = ?) where user_id = ?', [
      DemoIds.company,
      '사원',
      DemoIds.staff,
    ]);
    expect((await ok(stack, admin, SAVE_RANKS, { names: [] })).saveRanks).toEqual([]);
    expect(await ranksInDb()).toEqual([]);
    expect(await rankOf(DemoIds.staff)).toBeNull();
  });

  it('lets only the total admin save ranks', async () => {
    await ok(stack, admin, SAVE_RANKS, { names: ['사원'] });
    for (const login of ['demo-manager', 'demo-staff', 'demo-individual', 'operator']) {
      expect((await refused(stack, await stack.login(login), SAVE_RANKS, { names: ['해커'] })).code, login).toBe('FORBIDDEN');
    }
    expect((await ranksInDb()).map((rank: { name: string }) => rank.name)).toEqual(['사원']);
  });

  it('applies concurrent saves one after the other: the result is exactly one of the lists', async () => {
    const lists = [['가', '나', '다'], ['다', '라'], ['마']];
    const results = await Promise.all(lists.map((names) => stack.graphql(SAVE_RANKS, { names }, { token: admin })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const names = (await ranksInDb()).map((rank: { name: string }) => rank.name);
    expect(lists).toContainEqual(names);
  });
});
