import { z } from 'zod';

/** A company member's grade (R-STAFF-4); INDIVIDUAL is the one member of a personal workspace. */
export const Grade = {
  TOTAL_ADMIN: 'TOTAL_ADMIN',
  DEPARTMENT_MANAGER: 'DEPARTMENT_MANAGER',
  STAFF: 'STAFF',
  INDIVIDUAL: 'INDIVIDUAL',
} as const;
export type Grade = (typeof Grade)[keyof typeof Grade];

/** OPERATOR is the service's own customer centre, outside every company. */
export const AccountRole = { MEMBER: 'MEMBER', OPERATOR: 'OPERATOR' } as const;
export type AccountRole = (typeof AccountRole)[keyof typeof AccountRole];

/**
 * R-PERM-1: the extra rights on contracts a member can see but did not write, each with what it
 * allows. The one list of flags: the viewer's permissions, organization's stored columns and the
 * GraphQL types are all made from it.
 */
export const PERMISSION_FLAGS = {
  write: 'Create contracts and use bulk issuance.',
  edit: 'Edit contracts written by others.',
  delete: 'Delete contracts written by others.',
  sign: 'Sign contracts written by others.',
  discard: 'Discard (폐기) contracts written by others.',
} as const;
export type PermissionFlag = keyof typeof PERMISSION_FLAGS;
export const permissionFlags = Object.keys(PERMISSION_FLAGS) as PermissionFlag[];
export type Permissions = Record<PermissionFlag, boolean>;

/** Each flag as `value` says (one value for all, or per flag). */
export const permissionsWith = (value: boolean | ((flag: PermissionFlag) => boolean)): Permissions =>
  Object.fromEntries(permissionFlags.map((flag) => [flag, typeof value === 'function' ? value(flag) : value])) as Permissions;
/** Just the flags of `source` (a stored profile's, an input's), as a plain object. */
export const permissionsOf = (source: Permissions): Permissions => permissionsWith((flag) => source[flag] === true);
export const NO_PERMISSIONS: Permissions = permissionsWith(false);
export const ALL_PERMISSIONS: Permissions = permissionsWith(true);
export const permissionsSchema = z.object(Object.fromEntries(permissionFlags.map((flag) => [flag, z.boolean()])) as Record<PermissionFlag, z.ZodBoolean>);

/** The account half of the viewer, answered by identity. */
export const accountStandingSchema = z.object({
  userId: z.uuid(),
  loginId: z.string(),
  role: z.enum([AccountRole.MEMBER, AccountRole.OPERATOR]),
  /** False when the account may not act now (suspended, session revoked, email unverified). */
  active: z.boolean(),
});
export type AccountStanding = z.infer<typeof accountStandingSchema>;

/** The company half of the viewer, answered by organization; null for operators. */
export const memberStandingSchema = z.object({
  companyId: z.uuid(),
  grade: z.enum([Grade.TOTAL_ADMIN, Grade.DEPARTMENT_MANAGER, Grade.STAFF, Grade.INDIVIDUAL]),
  active: z.boolean(),
  departmentId: z.uuid().nullable(),
  /** Departments whose contracts this member may see (own department, plus sub-departments for a manager). */
  departmentScope: z.array(z.uuid()),
  permissions: permissionsSchema,
});
export type MemberStanding = z.infer<typeof memberStandingSchema>;

/** Who is asking, resolved once per request by the gateway and handed to every subgraph. */
export const viewerSchema = z.object({
  userId: z.uuid(),
  loginId: z.string(),
  role: z.enum([AccountRole.MEMBER, AccountRole.OPERATOR]),
  sessionId: z.string().nullable(),
  member: memberStandingSchema.nullable(),
});
export type Viewer = z.infer<typeof viewerSchema>;

export const isOperator = (viewer: Viewer | null): boolean => viewer?.role === AccountRole.OPERATOR;
export const companyOf = (viewer: Viewer | null): string | null => viewer?.member?.companyId ?? null;
