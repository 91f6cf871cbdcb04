import { randomBytes } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { forbidden, msg, type EntityManager, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { Company, CompanyKind } from './company.entity.ts';
import type { UpdateCompanySettingsInput } from './company.inputs.ts';

/** No 0/O or 1/I: people read codes aloud and type them. 32 symbols, so a byte's low 5 bits are unbiased. */
const REFERRAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const REFERRAL_LENGTH = 10;

export function newReferralCode(): string {
  return [...randomBytes(REFERRAL_LENGTH)].map((byte) => REFERRAL_ALPHABET[byte & 31]).join('');
}

/**
 * Serialises every structural change of one company (departments, ranks): later checks in the same
 * transaction see every earlier change, so concurrent requests cannot build a third level together.
 */
export async function lockCompany(em: EntityManager, companyId: string): Promise<Company> {
  return em.findOneOrFail(Company, { id: companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

const settingsOf = (company: Company) => ({ internalApproval: company.internalApproval, contractNumbering: company.contractNumbering });

export async function updateCompanySettings(em: EntityManager, viewer: Viewer, input: UpdateCompanySettingsInput): Promise<Company> {
  return em.transactional(async (tx) => {
    const company = await lockCompany(tx, viewer.member!.companyId);
    const before = settingsOf(company);
    if (input.internalApproval != null) company.internalApproval = input.internalApproval;
    if (input.contractNumbering != null) company.contractNumbering = input.contractNumbering;
    await tx.flush();
    await recordAudit(tx, viewer, {
      action: 'COMPANY_SETTINGS_UPDATED',
      targetType: AuditTarget.COMPANY,
      targetId: company.id,
      before,
      after: settingsOf(company),
    });
    return company;
  });
}

/** R-COMPANY-3: a fresh code replaces the old one; a clash with another company's code (unique index) draws again. */
export async function generateReferralCode(em: EntityManager, viewer: Viewer): Promise<Company> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await em.fork().transactional(async (tx) => {
        const company = await lockCompany(tx, viewer.member!.companyId);
        if (company.kind !== CompanyKind.CORPORATE)
          throw forbidden(msg('Referral codes belong to corporate members.', '추천인 코드는 기업회원만 만들 수 있습니다.'));
        const before = company.referralCode;
        company.referralCode = newReferralCode();
        await tx.flush();
        await recordAudit(tx, viewer, {
          action: 'REFERRAL_CODE_GENERATED',
          targetType: AuditTarget.COMPANY,
          targetId: company.id,
          before: { referralCode: before },
          after: { referralCode: company.referralCode },
        });
        return company;
      });
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= 4) throw error;
    }
  }
}
