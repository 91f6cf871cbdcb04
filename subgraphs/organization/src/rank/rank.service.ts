import { randomUUID } from 'node:crypto';
import { badUserInput, type EntityManager, foldCase, msg, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { lockCompany } from '../company/company.service.ts';
import { placeholders } from '../context.ts';
import { Rank } from './rank.entity.ts';

const MAX_RANKS = 100;

/** The "after" list, trimmed; blanks, over-long names and case-insensitive duplicates are refused. */
function rankNames(names: string[]): string[] {
  if (names.length > MAX_RANKS)
    throw badUserInput(msg(`A company can have at most ${MAX_RANKS} ranks.`, `직급은 회사당 최대 ${MAX_RANKS}개까지 만들 수 있습니다.`), { field: 'names' });
  const seen = new Set<string>();
  return names.map((raw, index) => {
    const name = raw.trim();
    if (!name)
      throw badUserInput(msg(`Rank ${index + 1} has no name. Remove blank entries.`, `${index + 1}번째 직급의 이름이 비어 있습니다. 빈 항목을 지워 주세요.`), {
        field: 'names',
      });
    if (name.length > 30)
      throw badUserInput(msg(`The rank "${name}" is longer than 30 characters.`, `직급명 "${name}"이(가) 30자를 넘습니다.`), { field: 'names' });
    const key = foldCase(name);
    if (seen.has(key))
      throw badUserInput(
        msg(
          `The rank "${name}" appears twice. Each rank name may appear once (regardless of case).`,
          `직급명 "${name}"이(가) 두 번 있습니다. 같은 직급명은 대소문자와 관계없이 한 번만 쓸 수 있습니다.`,
        ),
        { field: 'names' },
      );
    seen.add(key);
    return name;
  });
}

/**
 * R-RANK-1: the company's ranks become exactly `names`, in that order, in one transaction. Names
 * that stay keep their ids; ranks that disappear are cleared from the staff who held them.
 */
export async function saveRanks(em: EntityManager, viewer: Viewer, input: string[]): Promise<Rank[]> {
  const names = rankNames(input);
  const companyId = viewer.member!.companyId;
  return em.transactional(async (tx) => {
    await lockCompany(tx, companyId);
    const existing = await tx.find(Rank, { companyId }, { orderBy: { position: 'asc' }, refresh: true });
    const before = existing.map((rank) => ({ id: rank.id, name: rank.name }));
    const byKey = new Map(existing.map((rank) => [foldCase(rank.name), rank]));
    const wanted = new Set(names.map(foldCase));
    const removed = existing.filter((rank) => !wanted.has(foldCase(rank.name)));
    if (removed.length) {
      const ids = removed.map((rank) => rank.id);
      await tx.execute(`update "organization"."staff_profile" set "rank_id" = null where "company_id" = ? and "rank_id" in (${placeholders(ids)})`, [
        companyId,
        ...ids,
      ]);
      for (const rank of removed) tx.remove(rank);
    }
    const saved = names.map((name, position) => {
      const kept = byKey.get(foldCase(name));
      if (kept) {
        kept.name = name;
        kept.position = position;
        return kept;
      }
      return tx.create(Rank, { id: randomUUID(), companyId, name, position } as Rank);
    });
    await tx.flush();
    await recordAudit(tx, viewer, {
      action: 'RANKS_SAVED',
      targetType: AuditTarget.RANKS,
      targetId: null,
      before,
      after: saved.map((rank) => ({ id: rank.id, name: rank.name })),
    });
    return saved;
  });
}
