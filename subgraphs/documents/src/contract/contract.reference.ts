import { isUuid } from '@econtract/server-kit';
import type { DocumentsContext } from '../context.ts';
import type { Contract } from './contract.type.ts';

/** `_entities` skips shield: the loader reads through the one visibility rule, so an invisible contract is null. */
export async function resolveContractReference(reference: { id?: unknown }, ctx: DocumentsContext): Promise<Contract | null> {
  if (!isUuid(reference.id)) return null;
  return ctx.loaders.contractById.load(reference.id);
}
