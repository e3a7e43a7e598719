import type { Collection } from 'mongodb';
import { isDuplicateKey } from '../database/unique';
import { DOCUMENT_KINDS, type DocumentKind } from './kinds';

export interface NumberDoc {
  _id: string;
  documentId: string;
  counter: string;
  serial: number;
  at: Date;
}

/**
 * A department's short name for document numbers: the county's first character and the first two
 * of the department's name without the county's (龙湾区安全生产监督管理局 → 龙安全).
 */
export function deptAbbreviation(departmentName: string, countyName: string): string {
  const rest = departmentName.startsWith(countyName)
    ? departmentName.slice(countyName.length)
    : departmentName;
  return `${[...countyName][0] ?? ''}${[...rest].slice(0, 2).join('')}`;
}

/** `龙安全受〔2026〕12号`: abbreviation, kind word, year in brackets 〔〕, serial. */
export const formatDocumentNo = (abbr: string, kind: DocumentKind, year: number, serial: number) =>
  `${abbr}${DOCUMENT_KINDS[kind].word}〔${year}〕${serial}号`;

/**
 * Document numbers, unique under concurrency without transactions, as case numbers are
 * (server/cases/numbers.ts): a counter per department, kind and year gives the next serial ($inc
 * is atomic), and inserting a document whose `_id` is the number claims it. The claim is also the
 * index verification looks a number up by. A claim whose document then fails stays a gap.
 */
export class DocumentNumbers {
  constructor(
    private readonly numbers: Collection<NumberDoc>,
    private readonly counters: Collection<{ _id: string; next: number }>,
  ) {}

  async claim(
    o: { departmentId: string; abbr: string; kind: DocumentKind; year: number },
    documentId: string,
  ): Promise<string> {
    const counter = `${o.departmentId}:${o.kind}:${o.year}`;
    for (;;) {
      const next = await this.counters.findOneAndUpdate(
        { _id: counter },
        { $inc: { next: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      const serial = next?.next ?? 1;
      const number = formatDocumentNo(o.abbr, o.kind, o.year, serial);
      try {
        await this.numbers.insertOne({ _id: number, documentId, counter, serial, at: new Date() });
        return number;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }

  async documentOf(number: string): Promise<string | undefined> {
    return (await this.numbers.findOne({ _id: number }))?.documentId;
  }
}
