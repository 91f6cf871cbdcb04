import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { badUserInput, conflict, type EntityManager, isUuid, msg, notFound, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { lockCompany } from '../company/company.service.ts';
import { Department } from './department.entity.ts';
import type { CreateDepartmentInput, UpdateDepartmentInput } from './department.inputs.ts';

const TWO_LEVELS = 'Departments have at most two levels: a sub-department cannot have sub-departments.';

function departmentName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 50) throw badUserInput('A department name needs 1 to 50 characters.', { field: 'name' });
  return trimmed;
}

const nameTaken = (name: string) => conflict(`A department named "${name}" already exists at that level. Choose another name.`);

async function departmentOf(em: EntityManager, companyId: string, id: string, field = 'id'): Promise<Department> {
  const department = isUuid(id) ? await em.findOne(Department, { id, companyId }, { refresh: true }) : null;
  if (!department) throw notFound(field === 'id' ? 'No such department in your company.' : 'The chosen parent department does not exist in your company.');
  return department;
}

/** The parent a department may hang under: a top-level department of the same company. */
async function parentFor(em: EntityManager, companyId: string, parentId: string): Promise<Department> {
  const parent = await departmentOf(em, companyId, parentId, 'parentId');
  if (parent.parentId !== null) throw badUserInput(`${TWO_LEVELS} "${parent.name}" is already a sub-department.`, { field: 'parentId' });
  return parent;
}

const snapshot = (department: Department) => ({ name: department.name, parentId: department.parentId });

export async function createDepartment(em: EntityManager, viewer: Viewer, input: CreateDepartmentInput): Promise<Department> {
  const name = departmentName(input.name);
  const companyId = viewer.member!.companyId;
  try {
    return await em.transactional(async (tx) => {
      await lockCompany(tx, companyId);
      const parent = input.parentId ? await parentFor(tx, companyId, input.parentId) : null;
      const department = tx.create(Department, { id: randomUUID(), companyId, parentId: parent?.id ?? null, name } as Department);
      await tx.flush();
      await recordAudit(tx, viewer, { action: 'DEPARTMENT_CREATED', targetType: AuditTarget.DEPARTMENT, targetId: department.id, after: snapshot(department) });
      return department;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken(name);
    throw error;
  }
}

export async function updateDepartment(em: EntityManager, viewer: Viewer, id: string, input: UpdateDepartmentInput): Promise<Department> {
  const name = input.name == null ? null : departmentName(input.name);
  const companyId = viewer.member!.companyId;
  try {
    return await em.transactional(async (tx) => {
      await lockCompany(tx, companyId);
      const department = await departmentOf(tx, companyId, id);
      const before = snapshot(department);
      if (input.parentId !== undefined && input.parentId !== department.parentId) {
        if (input.parentId === department.id) throw badUserInput('A department cannot be its own parent.', { field: 'parentId' });
        if (input.parentId !== null) {
          const parent = await parentFor(tx, companyId, input.parentId);
          // Checked under the company lock, so no sub-department can appear meanwhile.
          const children = await tx.count(Department, { companyId, parentId: department.id });
          if (children > 0) throw badUserInput(`${TWO_LEVELS} "${department.name}" has sub-departments, so it can only stay at the top level.`, { field: 'parentId' });
          department.parentId = parent.id;
        } else {
          department.parentId = null;
        }
      }
      if (name !== null) department.name = name;
      await tx.flush();
      await recordAudit(tx, viewer, { action: 'DEPARTMENT_UPDATED', targetType: AuditTarget.DEPARTMENT, targetId: department.id, before, after: snapshot(department) });
      return department;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken(name ?? '');
    throw error;
  }
}

/**
 * R-DEPT-3: a department goes when no staff belong to it nor to any of its sub-departments. Its
 * sub-departments go with it, in the same transaction, only when the client says so
 * (`includeSubDepartments`); otherwise a department that has them is refused as before.
 */
export async function deleteDepartment(em: EntityManager, viewer: Viewer, id: string, includeSubDepartments = false): Promise<string> {
  const companyId = viewer.member!.companyId;
  try {
    return await em.transactional(async (tx) => {
      await lockCompany(tx, companyId);
      const department = await departmentOf(tx, companyId, id);
      const children = await tx.find(Department, { companyId, parentId: department.id }, { orderBy: { name: 'asc' } });
      const all = [department, ...children];
      const staffed = await tx.execute<Array<{ department_id: string; count: string }>>(
        `select "department_id", count(*) as "count" from "organization"."staff_profile" where "company_id" = ? and "department_id" in (${all.map(() => '?').join(', ')}) group by "department_id"`,
        [companyId, ...all.map((entry) => entry.id)],
      );
      if (staffed.length > 0) {
        const counts = new Map(staffed.map((row) => [row.department_id, Number(row.count)]));
        const named = all.filter((entry) => counts.has(entry.id)).map((entry) => `"${entry.name}" (${counts.get(entry.id)})`).join(', ');
        throw conflict(
          msg(`These departments still have staff: ${named}. Move them to another department first.`, `아직 소속 직원이 있는 부서가 있습니다: ${named}. 먼저 다른 부서로 옮겨 주세요.`),
        );
      }
      if (children.length > 0 && !includeSubDepartments) {
        throw conflict(
          msg(
            `"${department.name}" still has sub-departments. Delete or move them first, or delete them together (includeSubDepartments: true).`,
            `"${department.name}"에 하위 부서가 있습니다. 하위 부서를 먼저 삭제하거나 옮기거나, 함께 삭제해 주세요(includeSubDepartments: true).`,
          ),
        );
      }
      for (const child of children) {
        await tx.nativeDelete(Department, { id: child.id, companyId });
        await recordAudit(tx, viewer, { action: 'DEPARTMENT_DELETED', targetType: AuditTarget.DEPARTMENT, targetId: child.id, before: snapshot(child) });
      }
      await tx.nativeDelete(Department, { id: department.id, companyId });
      await recordAudit(tx, viewer, {
        action: 'DEPARTMENT_DELETED',
        targetType: AuditTarget.DEPARTMENT,
        targetId: department.id,
        before: { ...snapshot(department), ...(children.length ? { subDepartments: children.map((child) => child.id) } : {}) },
      });
      return department.id;
    });
  } catch (error) {
    // A staff member joined meanwhile (registration does not take the company lock): the foreign key refuses.
    if (error instanceof ForeignKeyConstraintViolationException) throw conflict('This department still has staff or sub-departments. Move them first.');
    throw error;
  }
}
