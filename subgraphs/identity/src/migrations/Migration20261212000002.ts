import { Migration } from '@mikro-orm/migrations';

/**
 * Issue #12. Tokens and codes are now stored as HMAC-SHA256 digests under TOKEN_HASH_SECRET, so the
 * plain SHA-256 digests of earlier ones can never match again: every outstanding link, code and
 * refresh token is marked spent here (people request a new link or code, or sign in again).
 * Referral rewards wait for the new account's email verification (R-SIGNUP-4).
 */
export class Migration20261212000002 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update "identity"."email_verification" set "used_at" = now() where "used_at" is null;`);
    this.addSql(`update "identity"."password_reset" set "used_at" = now() where "used_at" is null;`);
    this.addSql(`update "identity"."refresh_token" set "used_at" = now() where "used_at" is null;`);
    // Unsalted SHA-256 of six digits is a lookup table away from the code: erased, and open codes expired.
    this.addSql(`update "identity"."phone_verification" set "code_hash" = '', "expires_at" = least("expires_at", now());`);
    this.addSql(`alter table "identity"."account"
      add column "referrer_company_id" uuid null,
      add column "referral_granted_at" timestamptz null;`);
    this.addSql(
      `create index "account_referral_pending_idx" on "identity"."account" ("created_at") where "referrer_company_id" is not null and "referral_granted_at" is null;`,
    );
  }
}
