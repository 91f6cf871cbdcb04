import { Embedded, Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Grade } from '@econtract/server-kit';
import { Company } from '../company/company.entity.ts';
import { StaffPermissions, staffPermissions } from './staff-permissions.ts';

/** A person's place in a company: grade, department, approval authority, extra permissions. */
@Entity({ tableName: 'staff_profile' })
export class StaffProfile {
  /** The identity account's id: one profile per account. */
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Company, { fieldName: 'company_id' })
  company!: Company;

  @Enum({ items: () => Object.values(Grade), type: 'text' })
  grade!: Grade;

  /** R-STAFF-5: a suspended profile cannot act, effective on the next request. */
  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'uuid', nullable: true })
  departmentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  rankId: string | null = null;

  @Property({ type: 'boolean' })
  approvalAuthority: boolean = false;

  /** R-PERM-1, in the columns `can_write`, `can_edit`, … (one per flag). */
  @Embedded(() => StaffPermissions, { prefix: 'can_' })
  permissions: StaffPermissions = staffPermissions();

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
