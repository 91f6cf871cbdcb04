import { conflict, type EntityManager, msg } from '@econtract/server-kit';
import { seoulPeriod } from '../clock.ts';

/**
 * R-NUM-1: reserves `count` consecutive numbers `YYYY-MM-NNNNN` for the company's month of `at` in
 * Korea, in one atomic statement (the row lock of the upsert orders concurrent writers; no
 * read-then-write). Run it inside the transaction that stores the contracts, so a failed write
 * issues nothing; a committed number is never issued again, whatever becomes of its contract.
 */
export async function reserveNumbers(em: EntityManager, companyId: string, at: Date, count: number): Promise<string[]> {
  const period = seoulPeriod(at);
  let last: number;
  try {
    const [row] = await em.execute<Array<{ last_serial: number }>>(
      `insert into "documents"."contract_number_counter" ("company_id", "period", "last_serial") values (?, ?, ?)
       on conflict ("company_id", "period") do update set "last_serial" = "contract_number_counter"."last_serial" + excluded."last_serial"
       returning "last_serial"`,
      [companyId, period, count],
    );
    last = Number(row!.last_serial);
  } catch (error) {
    if (/contract_number_counter_last_serial_check/.test(String(error))) {
      throw conflict(
        msg(
          `No management numbers are left for ${period} (at most 99999 a month).`,
          `${period}에 발급할 수 있는 계약관리번호(월 최대 99999건)를 모두 사용했습니다.`,
        ),
      );
    }
    throw error;
  }
  return Array.from({ length: count }, (_, i) => `${period}-${String(last - count + 1 + i).padStart(5, '0')}`);
}

/** How a manual number is compared: case- and space-insensitive (the same as the generated `management_number_key`). */
export const numberKey = (number: string) => number.replace(/\s/g, '').toLowerCase();
