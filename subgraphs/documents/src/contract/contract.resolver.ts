import { isUuid, keysetConnection, pageOf } from '@econtract/server-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DocumentCategory } from '../category/document-category.entity.ts';
import type { DocumentsContext } from '../context.ts';
import { Department, User, userRef } from '../people/people.type.ts';
import { containsPattern } from '../search.ts';
import { ContractTemplate } from '../template/contract-template.entity.ts';
import { BodyPdf, bodyPdfOf } from '../upload/body-pdf.ts';
import { completeContract } from './contract.completion.ts';
import { ContractFilter, CreateContractInput, UpdateContractInput } from './contract.inputs.ts';
import { numberKey } from './contract.numbering.ts';
import { permissionsOn } from './contract.permissions.ts';
import * as contracts from './contract.service.ts';
import { Contract, CONTRACT_COLUMNS, contractFromRow, ContractApproval, ContractConnection, ContractParty, ContractPermissions } from './contract.type.ts';
import { visibleFiling, type SqlPart } from './contract.visibility.ts';

/** The filter as SQL over `f` (the viewer's company's filing) and `c` (the contract). */
function filterSql(filter: ContractFilter | null): SqlPart {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (filter?.box) add(`f."box" = ?`, filter.box);
  if (filter?.categoryId) add(isUuid(filter.categoryId) ? `f."category_id" = ?` : 'false', ...(isUuid(filter.categoryId) ? [filter.categoryId] : []));
  if (filter?.uncategorized) add(`f."category_id" is null`);
  if (filter?.status) add(`c."status" = ?`, filter.status);
  if (filter?.managementNumber?.trim()) add(`c."management_number_key" = ?`, numberKey(filter.managementNumber));
  if (filter?.search?.trim()) add(`c."title" ilike ? escape '\\'`, containsPattern(filter.search.trim()));
  if (filter?.authorId) add(isUuid(filter.authorId) ? `c."author_id" = ?` : 'false', ...(isUuid(filter.authorId) ? [filter.authorId] : []));
  if (filter?.createdFrom) add(`c."created_at" >= ?`, filter.createdFrom);
  if (filter?.createdTo) add(`c."created_at" < ?`, filter.createdTo);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/** The sender's people and departments are another company's for a received contract: not the viewer's to resolve. */
const sentByViewersCompany = (contract: Contract) => contract.companyId === contract.filingCompanyId;

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, { description: "The contracts the viewer can see in their company's sent and received boxes, newest first." })
  async contracts(
    @Arg('filter', () => ContractFilter, { nullable: true, description: 'Which contracts; all the viewer can see when omitted.' })
    filter: ContractFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many contracts to return, 1–500.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: "An `endCursor` (or an edge's `cursor`) from the previous page; omit for the first page." })
    after: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<ContractConnection> {
    const page = pageOf('contract', first, after, 500);
    const visible = visibleFiling(ctx.viewer);
    const where = filterSql(filter);
    const from = `from "documents"."contract_filing" f join "documents"."contract" c on c."id" = f."contract_id"`;
    return keysetConnection(page, {
      known: async (seq) => (await ctx.em.execute(`select 1 ${from} where f."seq" = ? and ${visible.sql}`, [seq, ...visible.params])).length > 0,
      fetch: async (afterSeq, limit) => {
        const rows = await ctx.em.execute(
          `select ${CONTRACT_COLUMNS} ${from} where ${visible.sql} and ${where.sql}${afterSeq === null ? '' : ' and f."seq" < ?'} order by f."seq" desc limit ?`,
          [...visible.params, ...where.params, ...(afterSeq === null ? [] : [afterSeq]), limit],
        );
        return rows.map(contractFromRow);
      },
      seq: (contract) => contract.filingSeq,
    });
  }

  @Query(() => Contract, { description: 'One contract the viewer can see; NOT_FOUND for any other, exactly as for one that does not exist.' })
  contract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return contracts.visibleContract(ctx.em, ctx.viewer!, id);
  }

  @FieldResolver(() => DocumentCategory, { nullable: true, description: "The category the viewer's company filed it under; null when uncategorised." })
  category(@Root() contract: Contract, @Ctx() ctx: DocumentsContext): Promise<DocumentCategory | null> | null {
    return contract.categoryId ? ctx.loaders.categoryById.load(contract.categoryId) : null;
  }

  @FieldResolver(() => ContractTemplate, {
    nullable: true,
    description: "The template it was written from, when it is one of the viewer's company's and still exists.",
  })
  template(@Root() contract: Contract, @Ctx() ctx: DocumentsContext): Promise<ContractTemplate | null> | null {
    return contract.templateId ? ctx.loaders.templateById.load(contract.templateId) : null;
  }

  @FieldResolver(() => BodyPdf, { nullable: true, description: 'The PDF body, with a short-lived download link; null for a text-only contract.' })
  async bodyPdf(@Root() contract: Contract, @Ctx() ctx: DocumentsContext): Promise<BodyPdf | null> {
    // The contract itself came through the visibility rule, so whoever sees it may download its PDF.
    return contract.bodyFileId ? bodyPdfOf(ctx, await ctx.loaders.storedFileById.load(contract.bodyFileId), contract.title) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "Who wrote the contract; null for a received contract (the sender's member is not the viewer's to look up: see `parties`).",
  })
  author(@Root() contract: Contract): User | null {
    return sentByViewersCompany(contract) ? { id: contract.authorId } : null;
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description: "The author's department when the contract was written; null when none, or for a received contract (another company's department).",
  })
  department(@Root() contract: Contract): Department | null {
    return contract.departmentId && sentByViewersCompany(contract) ? { id: contract.departmentId } : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The chosen approver; null when none, and for a received contract (the sender's internal approval).",
  })
  approver(@Root() contract: Contract): User | null {
    return sentByViewersCompany(contract) ? userRef(contract.approverId) : null;
  }

  @FieldResolver(() => ContractApproval, { nullable: true, description: "The approver's last decision; null before any, and for a received contract." })
  approval(@Root() contract: Contract): ContractApproval | null {
    if (!sentByViewersCompany(contract) || !contract.decidedById || !contract.decidedAt) return null;
    return Object.assign(new ContractApproval(), {
      decidedById: contract.decidedById,
      approved: contract.decisionReason === null,
      decidedAt: contract.decidedAt,
      reason: contract.decisionReason,
    });
  }

  @FieldResolver(() => [ContractParty], { description: 'The sending company first, then the counterparties.' })
  parties(@Root() contract: Contract): ContractParty[] {
    return contract.partyRecords;
  }

  @FieldResolver(() => ContractPermissions, { description: 'What the viewer may do to this contract (which buttons to show).' })
  viewerCan(@Root() contract: Contract, @Ctx() ctx: DocumentsContext): ContractPermissions {
    return permissionsOn(ctx.viewer, contract);
  }

  @Mutation(() => Contract, {
    description: 'Writes a new contract as a draft; automatic numbering gives it its management number now. Needs the write permission.',
  })
  createContract(
    @Arg('input', () => CreateContractInput, { description: 'The new contract.' }) input: CreateContractInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Contract> {
    return contracts.createContract(ctx, input);
  }

  @Mutation(() => Contract, { description: 'Changes a draft.' })
  updateContract(
    @Arg('id', () => ID, { description: "The contract's ID." }) id: string,
    @Arg('input', () => UpdateContractInput, { description: 'The changes.' }) input: UpdateContractInput,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Contract> {
    return contracts.updateContract(ctx, id, input);
  }

  @Mutation(() => Contract, {
    description: "Files the contract under one of the viewer's company's categories, or none; the other company's filing is untouched.",
  })
  setContractCategory(
    @Arg('id', () => ID, { description: "The contract's ID." }) id: string,
    @Arg('categoryId', () => ID, { nullable: true, description: 'The category; null for none.' }) categoryId: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Contract> {
    return contracts.setContractCategory(ctx, id, categoryId);
  }

  @Mutation(() => Contract, { description: 'Asks the chosen approver to approve a draft (내부결재).' })
  requestApproval(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return contracts.requestApproval(ctx, id);
  }

  @Mutation(() => Contract, { description: 'Approves a contract awaiting approval. Its chosen approver only.' })
  approveContract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return contracts.decideApproval(ctx, id, true, null);
  }

  @Mutation(() => Contract, { description: 'Rejects a contract awaiting approval; it returns to the draft state with the reason. Its chosen approver only.' })
  rejectContract(
    @Arg('id', () => ID, { description: "The contract's ID." }) id: string,
    @Arg('reason', () => String, { description: 'Why, 1–500 characters; shown to the author.' }) reason: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Contract> {
    return contracts.decideApproval(ctx, id, false, reason);
  }

  @Mutation(() => Contract, {
    description:
      'Sends the contract to its counterparties and fixes its content digest. Refused with QUOTA_EXHAUSTED while the company has no contract unit left.',
  })
  sendContract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return contracts.sendContract(ctx, id);
  }

  @Mutation(() => Contract, {
    description: "Completes a sent contract (계약체결 완료), using one of the company's contract units; a retry never uses a second one.",
  })
  completeContract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return completeContract(ctx, id);
  }

  @Mutation(() => Contract, { description: 'Cancels a contract that is not completed yet.' })
  cancelContract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return contracts.cancelContract(ctx, id);
  }

  @Mutation(() => Contract, { description: 'Discards (폐기) a completed contract: it stays on record, no longer in force.' })
  discardContract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<Contract> {
    return contracts.discardContract(ctx, id);
  }

  @Mutation(() => ID, { description: 'Deletes a draft, cancelled or discarded contract (its management number is never reused). Returns its ID.' })
  deleteContract(@Arg('id', () => ID, { description: "The contract's ID." }) id: string, @Ctx() ctx: DocumentsContext): Promise<string> {
    return contracts.deleteContract(ctx, id);
  }
}

@Resolver(() => ContractApproval)
export class ContractApprovalResolver {
  @FieldResolver(() => User, { description: 'The approver who decided.' })
  decidedBy(@Root() approval: ContractApproval): User {
    return { id: approval.decidedById };
  }
}
