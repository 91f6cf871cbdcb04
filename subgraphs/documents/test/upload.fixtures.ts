import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A real PDF with `pages` pages, made by pdf-lib. */
export async function makePdf(pages = 2, options: { useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) pdf.addPage([595, 842]).drawText(`Contract page ${i}`, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await pdf.save(options));
}

/** A PDF whose trailer names a standard security handler, as a password-protected PDF does. */
export async function makeEncryptedPdf(): Promise<Buffer> {
  const text = (await makePdf(1, { useObjectStreams: false })).toString('latin1');
  const filler = '0'.repeat(64);
  const encrypted = text.replace(/trailer\s*<<\s*/, (trailer) => `${trailer}/Encrypt << /Filter /Standard /V 1 /R 2 /O <${filler}> /U <${filler}> /P -44 >>\n`);
  if (encrypted === text) throw new Error('no trailer to mark as encrypted');
  return Buffer.from(encrypted, 'latin1');
}

/** The first bytes of a PNG image: what a renamed `.png` → `.pdf` starts with. */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64, 7),
]);
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3)]);
