import { AppError, ErrorCode, MAX_PDF_PAGES, msg, UploadKind, type Message } from '@econtract/server-kit';
import { PDFDocument } from 'pdf-lib';

/** Why an upload's bytes were refused; sent as `extensions.reason` with FILE_REJECTED. */
export const FileRejection = {
  EMPTY: 'EMPTY',
  NOT_A_PDF: 'NOT_A_PDF',
  ENCRYPTED_PDF: 'ENCRYPTED_PDF',
  CORRUPT_PDF: 'CORRUPT_PDF',
  TOO_MANY_PAGES: 'TOO_MANY_PAGES',
  NOT_AN_IMAGE: 'NOT_AN_IMAGE',
} as const;
export type FileRejection = (typeof FileRejection)[keyof typeof FileRejection];

export const fileRejected = (reason: FileRejection, message: Message) => new AppError(ErrorCode.FILE_REJECTED, message, { reason });

/** What the bytes turned out to be. */
export interface InspectedFile {
  contentType: string;
  pageCount: number | null;
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);

async function inspectPdf(bytes: Buffer): Promise<InspectedFile> {
  if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw fileRejected(
      FileRejection.NOT_A_PDF,
      msg(
        'This file is not a PDF (its contents do not start like one, whatever its name says).',
        '이 파일은 PDF가 아닙니다(파일 이름과 관계없이 내용이 PDF 형식이 아닙니다).',
      ),
    );
  }
  let pageCount: number;
  let encrypted: boolean;
  try {
    // Loaded despite encryption so that it can be told apart from damage (pdf-lib's own error class does not survive `instanceof`).
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: true, updateMetadata: false });
    encrypted = pdf.isEncrypted;
    pageCount = encrypted ? 0 : pdf.getPageCount();
  } catch {
    throw corruptPdf();
  }
  if (encrypted) {
    throw fileRejected(
      FileRejection.ENCRYPTED_PDF,
      msg(
        'This PDF is encrypted or password-protected. Upload it without a password.',
        '암호화되었거나 비밀번호가 걸린 PDF입니다. 비밀번호를 해제한 파일을 올려 주세요.',
      ),
    );
  }
  if (pageCount < 1) throw corruptPdf();
  if (pageCount > MAX_PDF_PAGES) {
    throw fileRejected(
      FileRejection.TOO_MANY_PAGES,
      msg(
        `This PDF has ${pageCount} pages; at most ${MAX_PDF_PAGES} are accepted.`,
        `이 PDF는 ${pageCount}쪽입니다. 최대 ${MAX_PDF_PAGES}쪽까지 올릴 수 있습니다.`,
      ),
    );
  }
  return { contentType: 'application/pdf', pageCount };
}

const corruptPdf = () => fileRejected(FileRejection.CORRUPT_PDF, msg('This PDF is damaged and cannot be read.', '손상되어 읽을 수 없는 PDF입니다.'));

/** By magic bytes only for now; decoding, dimensions and normalising come with seals (#11). */
function inspectImage(bytes: Buffer): InspectedFile {
  if (bytes.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) return { contentType: 'image/png', pageCount: null };
  if (bytes.subarray(0, JPEG_MAGIC.length).equals(JPEG_MAGIC)) return { contentType: 'image/jpeg', pageCount: null };
  throw fileRejected(FileRejection.NOT_AN_IMAGE, msg('This file is not a PNG or JPEG image.', 'PNG 또는 JPEG 이미지가 아닙니다.'));
}

/** Checks an upload by its bytes (never its name or declared type); FILE_REJECTED with the reason otherwise. */
export async function inspectUpload(kind: UploadKind, bytes: Buffer): Promise<InspectedFile> {
  if (bytes.length === 0) throw fileRejected(FileRejection.EMPTY, msg('The file is empty.', '빈 파일입니다.'));
  return kind === UploadKind.SEAL_IMAGE ? inspectImage(bytes) : inspectPdf(bytes);
}
