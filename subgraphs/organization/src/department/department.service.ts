import { randomUUID } from 'node:crypto';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { badUserInput, conflict, type EntityManager, isUuid, msg, notFound, type Viewer } from '@econtract/server-kit';
import { AuditTarget, recordAudit } from '../audit/audit.service.ts';
import { lockCompany } from '../company/company.service.ts';
import { Department } from './department.entity.ts';
import type { CreateDepartmentInput, UpdateDepartmentInput } from './department.inputs.ts';

const TWO_LEVELS = msg(
  'Departments have at most two levels: a sub-department cannot have sub-departments.',
  '부서는 최대 2단계까지 만들 수 있어 하위부서 아래에는 부서를 둘 수 없습니다.',
);

function departmentName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 50)
    throw badUserInput(msg('A department name needs 1 to 50 characters.', '부서명은 1자 이상 50자 이하로 입력해 주세요.'), { field: 'name' });
  return trimmed;
}

const nameTaken = (name: string) =>
  conflict(
    msg(
      `A department named "${name}" already exists at that level. Choose another name.`,
      `같은 단계에 "${name}" 부서가 이미 있습니다. 다른 부서명을 입력해 주세요.`,
    ),
  );

async function departmentOf(em: EntityManager, companyId: string, id: string, field = 'id'): Promise<Department> {
  const department = isUuid(id) ? await em.findOne(Department, { id, companyId }, { refresh: true }) : null;
  if (!department)
    throw notFound(
      field === 'id'
        ? msg('No such department in your company.', '회사에 해당 부서가 없습니다.')
        : msg('The chosen parent department does not exist in your company.', '선택한 상위부서가 회사에 없습니다.'),
    );
  return department;
}

/** The parent a department may hang under: a top-level department of the same company. */
async function parentFor(em: EntityManager, companyId: string, parentId: string): Promise<Department> {
  const parent = await departmentOf(em, companyId, parentId, 'parentId');
  if (parent.parentId !== null)
    throw badUserInput(msg(`${TWO_LEVELS.en} "${parent.name}" is already a sub-department.`, `${TWO_LEVELS.ko} "${parent.name}"은(는) 이미 하위부서입니다.`), {
      field: 'parentId',
    });
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
        if (input.parentId === department.id)
          throw badUserInput(msg('A department cannot be its own parent.', '부서를 자기 자신의 상위부서로 지정할 수 없습니다.'), { field: 'parentId' });
        if (input.parentId !== null) {
          const parent = await parentFor(tx, companyId, input.parentId);
          // Checked under the company lock, so no sub-department can appear meanwhile.
          const children = await tx.count(Department, { companyId, parentId: department.id });
          if (children > 0)
            throw badUserInput(
              msg(
                `${TWO_LEVELS.en} "${department.name}" has sub-departments, so it can only stay at the top level.`,
                `${TWO_LEVELS.ko} "${department.name}"에는 하위부서가 있어 최상위 부서로만 둘 수 있습니다.`,
              ),
              { field: 'parentId' },
            );
          department.parentId = parent.id;
        } else {
          department.parentId = null;
        }
      }
      if (name !== null) department.name = name;
      await tx.flush();
      await recordAudit(tx, viewer, {
        action: 'DEPARTMENT_UPDATED',
        targetType: AuditTarget.DEPARTMENT,
        targetId: department.id,
        before,
        after: snapshot(department),
      });
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
        const named = all
          .filter((entry) => counts.has(entry.id))
          .map((entry) => `"${entry.name}" (${counts.get(entry.id)})`)
          .join(', ');
        throw conflict(
          msg(
            `These departments still have staff: ${named}. Move them to another department first.`,
            `아직 소속 직원이 있는 부서가 있습니다: ${named}. 먼저 다른 부서로 옮겨 주세요.`,
          ),
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
    if (error instanceof ForeignKeyConstraintViolationException)
      throw conflict(
        msg('This department still has staff or sub-departments. Move them first.', '이 부서에 아직 업무담당자나 하위부서가 있습니다. 먼저 옮겨 주세요.'),
      );
    throw error;
  }
}
