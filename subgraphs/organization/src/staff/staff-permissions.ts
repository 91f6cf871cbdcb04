import { Embeddable, Property } from '@mikro-orm/decorators/legacy';
import { NO_PERMISSIONS, PERMISSION_FLAGS, permissionFlags, permissionsOf, type Permissions } from '@econtract/server-kit';
import { Field, InputType, ObjectType } from 'type-graphql';

/**
 * R-PERM-1 as stored (staff_profile's `can_<flag>` columns), shown (`StaffPermissions`) and set
 * (`StaffPermissionsInput`): one class whose properties are made from server-kit's list of flags.
 */
@Embeddable()
@ObjectType('StaffPermissions', { description: 'Extra rights on contracts the person did not write but can see.' })
@InputType('StaffPermissionsInput', { description: 'Every extra permission, each on or off.' })
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the fields the flag list adds at run time.
export class StaffPermissions {}
// The flags come from the list below, so the class declares none itself.
export interface StaffPermissions extends Permissions {}

for (const flag of permissionFlags) {
  Property({ type: 'boolean' })(StaffPermissions.prototype, flag);
  Field(() => Boolean, { description: PERMISSION_FLAGS[flag] })(StaffPermissions.prototype, flag);
}

/** A stored value holding exactly the flags of `source` (none when omitted). */
export const staffPermissions = (source: Permissions = NO_PERMISSIONS): StaffPermissions => Object.assign(new StaffPermissions(), permissionsOf(source));
