import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Grade, type Permissions } from '@econtract/server-kit';
import { Company } from '../company/company.entity.ts';

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

  @Property({ type: 'boolean' })
  canWrite: boolean = false;

  @Property({ type: 'boolean' })
  canEdit: boolean = false;

  @Property({ type: 'boolean' })
  canDelete: boolean = false;

  @Property({ type: 'boolean' })
  canSign: boolean = false;

  @Property({ type: 'boolean' })
  canDiscard: boolean = false;

  /** R-PERM-1 as the viewer and the API name them. */
  get permissions(): Permissions {
    return { write: this.canWrite, edit: this.canEdit, delete: this.canDelete, sign: this.canSign, discard: this.canDiscard };
  }

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
