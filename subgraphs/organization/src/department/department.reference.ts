import { isUuid } from '@econtract/server-kit';
import type { OrganizationContext } from '../context.ts';
import type { Department } from './department.entity.ts';

/** `_entities` skips shield: the loader reads only the viewer's company's departments, so any other is null. */
export async function resolveDepartmentReference(reference: { id?: unknown }, ctx: OrganizationContext): Promise<Department | null> {
  if (!isUuid(reference.id) || !ctx.viewer?.member?.active) return null;
  return ctx.loaders.departmentById.load(reference.id);
}
