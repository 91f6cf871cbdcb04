import { createHash } from 'node:crypto';
import { badUserInput, msg, type SubgraphContext } from '@econtract/server-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import type { SignatureField } from '../template/contract-template.entity.ts';
import { fileDownloadLink, readUpload, type UploadCaller } from './upload.service.ts';
import type { StoredFile } from './stored-file.entity.ts';

/**
 * PDF bodies (#10 item 2): a contract's or template's body is its text, a PDF, or both. The PDF is an
 * upload claimed by the record in the record's own transaction; files are immutable, so a contract
 * written from a template shares the template's file id rather than copying the bytes.
 */

@ObjectType({ description: 'The PDF body of a contract or template: an uploaded PDF file.' })
export class BodyPdf {
  /** The stored file; the link is signed from it. */
  fileId!: string;

  @Field(() => String, { description: 'The name the download is saved under: the title with `.pdf`.' })
  fileName!: string;

  @Field(() => Int, { description: 'Size of the PDF in bytes.' })
  byteSize!: number;

  @Field(() => Int, { description: 'Number of pages in the PDF; signature fields refer to these pages.' })
  pageCount!: number;

  @Field(() => String, { description: 'Hex SHA-256 of the PDF bytes, computed by the service when the file was uploaded.' })
  sha256!: string;

  @Field(() => String, { description: 'A short-lived signed link (a few minutes) that downloads the PDF through the gateway; ask again for a fresh one.' })
  downloadUrl!: string;
}

/** Signature fields must sit on a page of the PDF; without a PDF (a text body) pages are not known and not checked. */
export function ensureFieldsOnPages(fields: readonly SignatureField[], pageCount: number | null): void {
  if (pageCount == null) return;
  fields.forEach((field, index) => {
    if (field.page > pageCount) {
      throw badUserInput(
        msg(
          `Signature place ${index + 1} is on page ${field.page}, but the PDF has ${pageCount} page(s).`,
          `${index + 1}번째 서명 위치는 ${field.page}페이지에 있지만 PDF는 ${pageCount}페이지입니다.`,
        ),
        { field: `signatureFields.${index}` },
      );
    }
  });
}

/** A download name from a title: path separators and control characters become `_`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must not carry.
const pdfFileName = (title: string) => `${title.replace(/[\\/\u0000-\u001f\u007f]/g, '_')}.pdf`;

/** The PDF body as the API shows it, with a fresh download link; the caller has already decided the viewer may see the record. */
export async function bodyPdfOf(ctx: Pick<SubgraphContext, 'env'>, file: StoredFile | null, title: string): Promise<BodyPdf | null> {
  if (!file) return null;
  const fileName = pdfFileName(title);
  return Object.assign(new BodyPdf(), {
    fileId: file.id,
    fileName,
    byteSize: file.byteSize,
    pageCount: file.pageCount ?? 0,
    sha256: file.sha256,
    downloadUrl: await fileDownloadLink(ctx, file.id, fileName),
  });
}

/**
 * The content digest fixed when a contract is sent: hex SHA-256 over the text body's UTF-8 bytes and,
 * when the contract has a PDF body, a 0x00 byte followed by the PDF's bytes. PostgreSQL text never
 * holds U+0000, so the separator cannot occur in the text; a text-only contract's digest is the SHA-256
 * of its text alone.
 */
export async function contentDigest(caller: UploadCaller, body: string, bodyFileId: string | null): Promise<string> {
  const hash = createHash('sha256').update(body, 'utf8');
  if (bodyFileId) hash.update(Buffer.from([0])).update(await readUpload(caller, bodyFileId));
  return hash.digest('hex');
}
