/** Lifetimes and limits of identity's credentials (documented in the README). */
export const IdentitySettings = {
  /** R-LOGIN-3: consecutive failures that lock a login ID. */
  lockAfterFailures: 5,
  /** Refresh sessions end this long after sign-in, however often they rotate. */
  sessionLifetimeMs: 30 * 24 * 60 * 60 * 1000,
  emailVerificationLifetimeMs: 24 * 60 * 60 * 1000,
  passwordResetLifetimeMs: 30 * 60 * 1000,
  /** R-PROFILE-1: re-entering the password opens profile editing for this long. */
  stepUpLifetimeSeconds: 10 * 60,
  phoneCodeLifetimeMs: 3 * 60 * 1000,
  phoneCodeMaxTries: 5,
  /** Codes one account may request per hour, so the SMS channel cannot be used to spam a number. */
  phoneCodesPerHour: 5,
  /** A signup stuck half-way (a crash between steps) frees its login ID after this long. */
  abandonedSignupAfterMs: 10 * 60 * 1000,
} as const;
