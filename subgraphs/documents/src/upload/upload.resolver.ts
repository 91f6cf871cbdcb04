import { UploadKind } from '@econtract/server-kit';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import type { DocumentsContext } from '../context.ts';
import { prepareUpload } from './upload.service.ts';

registerEnumType(UploadKind, {
  name: 'UploadKind',
  description: 'What a file is uploaded for; each kind has its own size limit and accepted file types.',
  valuesConfig: {
    CONTRACT_PDF: { description: "A contract's body as a PDF: at most 10 MB and 100 pages, not encrypted." },
    TEMPLATE_PDF: { description: "A contract template's body as a PDF: at most 10 MB and 100 pages, not encrypted." },
    SEAL_IMAGE: { description: "The company's seal image, PNG or JPEG, at most 2 MB. Total admin only." },
  },
});

@ObjectType('PreparedUpload', {
  description:
    'Where to send one file: PUT its raw bytes (not JSON, not multipart) to `uploadUrl` before `expiresAt`, then pass `fileId` to the mutation that uses the file. The answer to the PUT is JSON; a refused file answers with a coded error (`FILE_REJECTED` with `reason`, `PAYLOAD_TOO_LARGE`, `CONFLICT` for a second upload, `UNAUTHENTICATED` for an expired link).',
})
export class PreparedUpload {
  @Field(() => ID, { description: 'The id to pass to the mutation that uses the file (e.g. a contract or template).' })
  fileId!: string;

  @Field(() => String, { description: 'The signed upload address on the API; it needs no sign-in header and accepts one file.' })
  uploadUrl!: string;

  @Field(() => String, { description: 'The HTTP method to send the file with: always PUT.' })
  method!: string;

  @Field(() => Int, { description: 'The largest file accepted, in bytes; a larger body is refused with HTTP 413.' })
  maxBytes!: number;

  @Field(() => Date, { description: 'When the upload link stops working (10 minutes after it was prepared).' })
  expiresAt!: Date;

  @Field(() => [String], { description: 'The file types accepted, decided from the file contents (not its name or declared type).' })
  contentTypes!: string[];
}

@Resolver(() => PreparedUpload)
export class UploadResolver {
  @Mutation(() => PreparedUpload, {
    description:
      'Prepares the upload of one file and returns a short-lived signed link to PUT its bytes to. Files never travel inside GraphQL requests. Company members; a seal image only the total admin.',
  })
  prepareUpload(
    @Arg('kind', () => UploadKind, { description: 'What the file is for; decides its limits and accepted types.' }) kind: UploadKind,
    @Ctx() ctx: DocumentsContext,
  ): Promise<PreparedUpload> {
    return prepareUpload(ctx, kind);
  }
}
