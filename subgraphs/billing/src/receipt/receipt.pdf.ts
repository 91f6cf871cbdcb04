import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/** Noto Sans KR (OFL-1.1) shipped by @embedpdf/fonts-kr; pdfkit embeds only the glyphs used. */
const KOREAN_FONT = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-kr')), '..', 'fonts', 'NotoSansKR-Regular.otf');

let fontBytes: Promise<Buffer> | undefined;
/** Read once per process (4.5 MB); each receipt embeds only the glyphs it uses. */
const koreanFont = () => (fontBytes ??= readFile(KOREAN_FONT));

export interface ReceiptContent {
  supplier: { name: string; businessNumber: string; address: string };
  buyer: { name: string; businessNumber: string | null };
  planName: string;
  orderId: string;
  supplyKrw: number;
  vatKrw: number;
  amountKrw: number;
  cardCompany: string;
  cardLast4: string;
  approvalNumber: string;
  approvedAt: Date;
}

const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;
const businessNumber = (digits: string | null) =>
  digits && /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}` : (digits ?? '-');
/** Receipts show Korea time: YYYY-MM-DD HH:mm:ss (KST). */
const seoulTime = (instant: Date) => `${new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')} (KST)`;

/** R-BILL-6: a printable card sales slip (카드 매출전표) for one approved payment, as PDF bytes. */
export async function renderReceiptPdf(content: ReceiptContent): Promise<Buffer> {
  const font = await koreanFont();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `영수증 ${content.orderId}`, Author: content.supplier.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');

  doc.registerFont('kr', font);
  doc.font('kr');
  doc.fontSize(20).text('카드 결제 영수증', { align: 'center' });
  doc.moveDown(1.5).fontSize(11);
  const rows: Array<[string, string]> = [
    ['공급자', content.supplier.name],
    ['공급자 사업자등록번호', businessNumber(content.supplier.businessNumber)],
    ['공급자 주소', content.supplier.address],
    ['구매자', content.buyer.name],
    ['구매자 사업자등록번호', businessNumber(content.buyer.businessNumber)],
    ['상품', content.planName],
    ['주문번호', content.orderId],
    ['공급가액', won(content.supplyKrw)],
    ['부가세', won(content.vatKrw)],
    ['합계', won(content.amountKrw)],
    ['카드사', content.cardCompany],
    ['카드번호', `**** **** **** ${content.cardLast4}`],
    ['승인번호', content.approvalNumber],
    ['승인일시', seoulTime(content.approvedAt)],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.text(label, 56, y, { width: 170 });
    doc.text(value, 240, y, { width: 300 });
    doc.moveDown(0.4);
  }
  doc.moveDown(1).fontSize(9).text('이 영수증은 신용카드 결제 사실을 확인하는 용도로 발행되었습니다.', 56);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
