import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.ts';
import { Department } from './department.entity.ts';
import { CreateDepartmentInput, UpdateDepartmentInput } from './department.inputs.ts';
import { createDepartment, deleteDepartment, updateDepartment } from './department.service.ts';

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], { description: "The viewer's company's department tree: top-level departments by name, each with its sub-departments." })
  departments(@Ctx() ctx: OrganizationContext): Promise<Department[]> {
    return ctx.em.find(Department, { companyId: ctx.viewer!.member!.companyId, parentId: null }, { orderBy: { name: 'asc', id: 'asc' } });
  }

  @FieldResolver(() => Department, { nullable: true, description: 'Null for a top-level department.' })
  parent(@Root() department: Department, @Ctx() ctx: OrganizationContext): Promise<Department | null> | null {
    return department.parentId ? ctx.loaders.departmentById.load(department.parentId) : null;
  }

  @FieldResolver(() => [Department], { description: 'Sub-departments by name (always empty for a sub-department).' })
  children(@Root() department: Department, @Ctx() ctx: OrganizationContext): Promise<Department[]> | Department[] {
    return department.parentId ? [] : ctx.loaders.departmentsByParent.load(department.id);
  }

  @FieldResolver(() => Int, { description: '1 for a top-level department, 2 for a sub-department.' })
  depth(@Root() department: Department): number {
    return department.parentId ? 2 : 1;
  }

  @FieldResolver(() => Int, { description: 'Staff directly in this department (sub-departments not included), active or suspended.' })
  async staffCount(@Root() department: Department, @Ctx() ctx: OrganizationContext): Promise<number> {
    return (await ctx.loaders.staffCountByDepartment.load(department.id))?.count ?? 0;
  }

  @Mutation(() => Department, {
    description: 'Creates a department at the top level or under a top-level department; a third level is refused. Total admin only.',
  })
  createDepartment(
    @Arg('input', () => CreateDepartmentInput, { description: 'The new department.' }) input: CreateDepartmentInput,
    @Ctx() ctx: OrganizationContext,
  ): Promise<Department> {
    return createDepartment(ctx.em, ctx.viewer!, input);
  }

  @Mutation(() => Department, { description: 'Renames and/or moves a department (parentId: null = top level); a third level is refused. Total admin only.' })
  updateDepartment(
    @Arg('id', () => ID, { description: "The department's ID." }) id: string,
    @Arg('input', () => UpdateDepartmentInput, { description: 'The changes.' }) input: UpdateDepartmentInput,
    @Ctx() ctx: OrganizationContext,
  ): Promise<Department> {
    return updateDepartment(ctx.em, ctx.viewer!, id, input);
  }

  @Mutation(() => ID, {
    description:
      'Deletes a department and returns its ID. Refused while the department or a sub-department has staff (the refusal names them). A department with sub-departments is deleted only with includeSubDepartments: true, together with them in one step. Total admin only.',
  })
  deleteDepartment(
    @Arg('id', () => ID, { description: "The department's ID." }) id: string,
    @Arg('includeSubDepartments', () => Boolean, { defaultValue: false, description: 'Also delete its (empty) sub-departments.' })
    includeSubDepartments: boolean,
    @Ctx() ctx: OrganizationContext,
  ): Promise<string> {
    return deleteDepartment(ctx.em, ctx.viewer!, id, includeSubDepartments);
  }
}
