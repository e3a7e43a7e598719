import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Collection, Db } from 'mongodb';
import { ObjectId } from 'mongodb';
import type { Logger } from 'pino';
import type { CaseDoc } from '../cases/case-model';
import type { CaseService } from '../cases/service';
import type { StoredEvent } from '../cases/event-model';
import type { CompiledNode } from '../../runtime/process/compiled';
import type { CaseEvent } from '../../runtime/cases';
import type { ItemVersion, ItemVersionModel } from '../catalog/version-model';
import { versionId } from '../catalog/version-model';
import { KeyedLock } from '../database/keyed-lock';
import { FileStore } from '../files/store';
import { AppError } from '../http/errors';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { Unit, UnitModel } from '../organisation/unit-model';
import type { Sandbox } from '../sandbox/pool';
import { DECISIONS, DOCUMENT_KINDS, isDocumentKind, type DocumentKind } from './kinds';
import { DocumentNumbers, deptAbbreviation, type NumberDoc } from './numbering';
import type { DocumentData } from './render';
import { LocalSealService, type SealRecord, type SealService } from './seal';

/** A notice or decision as the `documents` collection keeps it (docs/documents.md). */
export interface DocumentDoc {
  _id: string;
  caseId: string;
  countyId: string;
  departmentId: string;
  kind: DocumentKind;
  name: string;
  number: string;
  /** The case event that made it; absent when made on demand. */
  eventId?: string;
  docxFileId: string;
  pdfFileId: string;
  pdfSize: number;
  docxSize: number;
  /** Of the PDF's bytes, hex. */
  sha256: string;
  sm3: string;
  seal?: SealRecord;
  /** Which template: `default` or the uploaded version's scope and number. */
  template: string;
  /** Full name, as on the document; the public page masks it. */
  applicantName: string;
  caseNo?: string;
  issuedAt: Date;
  createdAt: Date;
  createdBy?: string;
  /** Its number is in the case's trail. */
  recorded: boolean;
}

export interface TemplateDoc {
  /** `${scopeId}:${kind}`: a department's or the county's template of a kind. */
  _id: string;
  scopeId: string;
  kind: DocumentKind;
  version: number;
  fileId: string;
  filename: string;
  history: { version: number; fileId: string; filename: string; by: string; at: Date }[];
}

export interface DocumentServiceDeps {
  db: Db;
  cases: CaseService;
  units: UnitModel;
  itemVersions: ItemVersionModel;
  cipher: PersonalDataCipher;
  sandbox: Sandbox;
  logger: Logger;
  /** How long one document may render in a worker. */
  budgetMs?: number;
  seals?: SealService;
}

const TEMPLATE_DIR = path.join(__dirname, '..', '..', 'templates', 'documents');

/** SM3 of bytes, hex (the PDF's digest, GB/T 32905). */
/** Node's own SM3 (OpenSSL): an upload of megabytes is hashed natively, not as a JS array. */
export const sm3OfBytes = (bytes: Uint8Array): string =>
  createHash('sm3').update(bytes).digest('hex');

const shanghaiDate = (d: Date | string | undefined): string => {
  if (!d) return '';
  const t = new Date(new Date(d).getTime() + 8 * 3_600_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
};
const shanghaiYear = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();

/** What an event or a request asks for beyond the case itself. */
export interface MakeOptions {
  eventId?: string;
  /** When the act happened (the event's time), else now. */
  at?: string;
  reason?: string;
  missing?: { name: string; reason: string }[];
  by?: string;
}

/**
 * Notices and decisions (RUN-10) and their seals (RUN-14): filled from the case, item and county,
 * rendered in the worker pool, numbered, stored in GridFS with their metadata, recorded in the
 * case's trail by the system command `recordDocument`.
 */
export class DocumentService {
  readonly documents: Collection<DocumentDoc>;
  readonly templates: Collection<TemplateDoc>;
  readonly files: FileStore;
  readonly seals: SealService;
  private readonly sealDocs: Collection<{ _id: string; publicKey: string }>;
  private readonly numbers: DocumentNumbers;
  private readonly locks = new KeyedLock();
  /** Renders one at a time: the pool's queue is shared with verification and anchoring. */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly defaults = new Map<DocumentKind, Promise<Buffer>>();

  constructor(private readonly deps: DocumentServiceDeps) {
    const db = deps.db;
    this.documents = db.collection<DocumentDoc>('documents');
    this.templates = db.collection<TemplateDoc>('document_templates');
    this.files = new FileStore(db);
    this.sealDocs = db.collection('seals');
    this.seals = deps.seals ?? new LocalSealService(db.collection('seals') as never, deps.cipher);
    this.numbers = new DocumentNumbers(
      db.collection<NumberDoc>('document_numbers'),
      db.collection('document_number_counters'),
    );
  }

  /** The event handler's part: which events make which documents (docs/documents.md). */
  async handle(events: readonly StoredEvent[]): Promise<void> {
    for (const row of events) {
      // Omit<> over the union loses its discriminant; the row is the event with `_id` for `id`.
      const e = row as unknown as CaseEvent;
      const wanted: { kind: DocumentKind; o: MakeOptions }[] = [];
      const base = { eventId: row._id, at: e.at };
      switch (e.type) {
        case 'caseAccepted':
          wanted.push({ kind: 'acceptance-notice', o: base });
          break;
        case 'caseRefused':
          wanted.push({ kind: 'refusal-notice', o: { ...base, reason: e.reason } });
          break;
        case 'correctionRequested':
          wanted.push({ kind: 'correction-notice', o: { ...base, missing: e.items } });
          break;
        case 'serviceTaskRequested': {
          if (e.action !== 'document') break;
          const named = [e.target, ...e.documents.map((d) => d.template)].filter(isDocumentKind);
          for (const kind of new Set(named)) wanted.push({ kind, o: base });
          if (!named.length)
            this.deps.logger.warn(
              { caseId: e.caseId, target: e.target },
              '制作文书：未知的文书模板',
            );
          break;
        }
        case 'caseConcluded':
          wanted.push({
            kind: e.result === 'granted' ? 'grant-decision' : 'denial-decision',
            o: base,
          });
          break;
      }
      for (const { kind, o } of wanted) await this.make(e.caseId, kind, o);
    }
  }

  /** Makes (or finds, for a repeated event) a document of a case and records it in the trail. */
  make(caseId: string, kind: DocumentKind, o: MakeOptions = {}): Promise<DocumentDoc> {
    return this.locks.run(caseId, async () => {
      const id = o.eventId
        ? createHash('sha256').update(`${o.eventId}|${kind}`).digest('hex').slice(0, 24)
        : new ObjectId().toHexString();
      let doc = await this.documents.findOne({ _id: id });
      if (!doc && o.eventId && DECISIONS.includes(kind)) {
        // One decision per case, whichever event asked first (a service task or the conclusion).
        const held = await this.deps.cases.store.load(caseId);
        doc = held
          ? ((await this.ofCase(held)).find((d) => d.kind === kind && d.eventId) ?? null)
          : null;
      }
      if (!doc) doc = await this.create(id, caseId, kind, o);
      if (!doc.recorded) await this.record(doc);
      return { ...doc, recorded: true };
    });
  }

  private async create(id: string, caseId: string, kind: DocumentKind, o: MakeOptions) {
    const { cases } = this.deps;
    const caseDoc = await cases.store.fresh(caseId);
    if (!caseDoc) throw new AppError(404, 'not_found', '办件不存在');
    const loaded = await cases.definitions.get(caseDoc.itemId, caseDoc.itemVersion);
    const department = await this.unit(loaded.departmentId);
    const county = await this.unit(caseDoc.countyId);
    const city = county?.parentId ? await this.unit(String(county.parentId)) : undefined;
    const deptName = department?.name ?? caseDoc.state.handlingUnit.name;
    const countyName = county?.name ?? '';
    const now = cases.executor.clock();
    const issuedAt = o.at ? new Date(o.at) : now;
    const number = await this.numbers.claim(
      {
        departmentId: loaded.departmentId,
        abbr: deptAbbreviation(deptName, countyName),
        kind,
        year: shanghaiYear(issuedAt),
      },
      id,
    );
    const sealed = this.sealedByFlowchart(loaded.def.process.nodes, kind);
    const dept = { id: loaded.departmentId, name: deptName };
    const mark = sealed ? await this.seals.mark(dept) : undefined;
    const data = await this.dataOf(caseDoc, kind, number, {
      ...o,
      issuer: deptName,
      countyName,
      cityName: city?.kind === 'city' ? city.name : '',
      issuedAt,
    });
    const { bytes: template, label } = await this.templateOf(
      kind,
      loaded.departmentId,
      caseDoc.countyId,
    );
    const rendered = await this.render({
      template,
      data,
      documentId: id,
      ...(mark ? { seal: mark } : {}),
    });
    const pdf = Buffer.from(rendered.pdf);
    const docx = Buffer.from(rendered.docx);
    const digest = sm3OfBytes(pdf);
    const owner = { caseId, documentId: id };
    const [docxFile, pdfFile] = [
      await this.files.save(
        Readable.from([docx]),
        {
          filename: `${DOCUMENT_KINDS[kind].name}（${number}）.docx`,
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          owner,
        },
        Infinity,
      ),
      await this.files.save(
        Readable.from([pdf]),
        {
          filename: `${DOCUMENT_KINDS[kind].name}（${number}）.pdf`,
          contentType: 'application/pdf',
          owner,
        },
        Infinity,
      ),
    ];
    const doc: DocumentDoc = {
      _id: id,
      caseId,
      countyId: caseDoc.countyId,
      departmentId: loaded.departmentId,
      kind,
      name: DOCUMENT_KINDS[kind].name,
      number,
      ...(o.eventId ? { eventId: o.eventId } : {}),
      docxFileId: docxFile.id,
      pdfFileId: pdfFile.id,
      pdfSize: pdf.length,
      docxSize: docx.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      sm3: digest,
      ...(sealed ? { seal: await this.seals.sign(dept, digest, now) } : {}),
      template: label,
      applicantName: caseDoc.state.applicant.name,
      ...(caseDoc.caseNo ? { caseNo: caseDoc.caseNo } : {}),
      issuedAt,
      createdAt: now,
      ...(o.by ? { createdBy: o.by } : {}),
      recorded: false,
    };
    await this.documents.insertOne(doc);
    return doc;
  }

  /** Its number into the trail, once (the command is idempotent on the case). */
  private async record(doc: DocumentDoc): Promise<void> {
    await this.deps.cases.executor.run({ kind: 'scheduler' }, doc.caseId, {
      type: 'recordDocument',
      documentId: doc._id,
      kind: doc.kind,
      name: doc.name,
      number: doc.number,
      fileId: doc.pdfFileId,
      sm3: doc.sm3,
      size: doc.pdfSize,
      sealed: !!doc.seal,
    });
    await this.documents.updateOne({ _id: doc._id }, { $set: { recorded: true } });
  }

  /**
   * 电子印章 (RUN-14): a document is sealed when the step it belongs to is marked eSeal — for a
   * decision, any step of the flowchart marked so (the deciding step); for a notice, the step
   * whose documents name its template, else the first step (受理). 送达回证 is signed by hand.
   */
  private sealedByFlowchart(nodes: CompiledNode[], kind: DocumentKind): boolean {
    const steps = nodes.flatMap((n) => (n.kind === 'userTask' ? [n.step] : []));
    if (kind === 'service-receipt') return false;
    if (DECISIONS.includes(kind)) return steps.some((s) => s.eSeal);
    const naming = steps.find((s) => s.documents.some((d) => d.template === kind));
    return (naming ?? steps[0])?.eSeal ?? false;
  }

  private render(input: {
    template: Buffer;
    data: DocumentData;
    documentId: string;
    seal?: { holder: string; code: string };
  }) {
    const run = () =>
      this.deps.sandbox.run(
        'renderDocument',
        { ...input, template: new Uint8Array(input.template) },
        this.deps.budgetMs ?? 20_000,
      );
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async unit(id: string) {
    return ObjectId.isValid(id) ? await this.deps.units.findById(id).lean<Unit>().exec() : null;
  }

  /** The template in force: the department's upload, else the county's, else the default. */
  async templateOf(kind: DocumentKind, departmentId: string, countyId: string) {
    for (const scope of [departmentId, countyId]) {
      const t = await this.templates.findOne({ _id: `${scope}:${kind}` });
      if (t) {
        const chunks: Buffer[] = [];
        for await (const c of this.files.open(t.fileId)) chunks.push(c as Buffer);
        return { bytes: Buffer.concat(chunks), label: `${scope}#${t.version}` };
      }
    }
    return { bytes: await this.defaultTemplate(kind), label: 'default' };
  }

  defaultTemplate(kind: DocumentKind): Promise<Buffer> {
    let hit = this.defaults.get(kind);
    if (!hit) this.defaults.set(kind, (hit = fs.readFile(path.join(TEMPLATE_DIR, `${kind}.docx`))));
    return hit;
  }

  private async dataOf(
    caseDoc: CaseDoc,
    kind: DocumentKind,
    number: string,
    o: MakeOptions & { issuer: string; countyName: string; cityName: string; issuedAt: Date },
  ): Promise<DocumentData> {
    const s = caseDoc.state;
    const version = await this.deps.itemVersions
      .findById(versionId(caseDoc.itemId, caseDoc.itemVersion))
      .lean<ItemVersion>()
      .exec();
    const basis = (version?.content.legalBasis ?? [])
      .map((b) => `《${b.title}》${b.article}`)
      .join('、');
    const place = `${o.cityName}${o.countyName}`;
    // 一次性告知: every missing material once, in the order first named.
    const seen = new Set<string>();
    const missing = (o.missing ?? s.correction?.items ?? []).filter((m) =>
      seen.has(m.name) ? false : (seen.add(m.name), true),
    );
    const served =
      kind === 'service-receipt'
        ? (await this.ofCase(caseDoc)).filter((d) => d.kind !== 'service-receipt')
        : [];
    const promised = s.deadlines.promised?.dueAt;
    return {
      number,
      title: DOCUMENT_KINDS[kind].name,
      issuer: o.issuer,
      countyName: o.countyName,
      governmentName: `${place}人民政府`,
      courtName: `${place}人民法院`,
      caseNo: s.caseNo ?? '',
      applicationNo: s.applicationNo ?? '',
      applicantName: s.applicant.name,
      itemName: s.itemName,
      itemCode: s.itemCode,
      appliedDate: shanghaiDate(s.appliedAt),
      acceptedDate: shanghaiDate(s.acceptedAt),
      issuedDate: shanghaiDate(o.issuedAt),
      promisedDueDate: shanghaiDate(promised ?? undefined),
      reason:
        o.reason ??
        (kind === 'denial-decision' ? s.decision?.text : undefined) ??
        (kind === 'refusal-notice' ? s.result?.opinion : undefined) ??
        '',
      decisionText: kind === 'grant-decision' ? (s.decision?.text ?? '') : '',
      legalBasisText: basis || '有关法律、法规',
      windowName: s.acceptingUnit.name,
      verifyPlace: '政务服务专栏“文书核验”页面（/portal/verify）',
      materials: s.materials.map((m, i) => ({ index: i + 1, name: m.name })),
      missing: missing.map((m, i) => ({ index: i + 1, name: m.name, reason: m.reason })),
      served: served.map((d, i) => ({ index: i + 1, name: d.name, number: d.number })),
    };
  }

  // ---- verification (RUN-14) --------------------------------------------------------------

  /**
   * A case's documents, by the ids its state records (each looked up by `_id`: the embedded
   * database would read the whole collection for a `caseId` filter).
   */
  async ofCase(caseDoc: Pick<CaseDoc, 'state'>): Promise<DocumentDoc[]> {
    const found = await Promise.all(
      (caseDoc.state.documents ?? []).map((id) => this.documents.findOne({ _id: id })),
    );
    return found
      .filter((d): d is NonNullable<typeof d> => d !== null)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async byNumber(number: string): Promise<DocumentDoc | null> {
    const id = await this.numbers.documentOf(number);
    return id ? this.documents.findOne({ _id: id }) : null;
  }

  /** A document's signature against its seal's key as the seal service holds it now. */
  async signatureValid(doc: DocumentDoc, digest = doc.sm3): Promise<boolean> {
    if (!doc.seal) return digest === doc.sm3;
    const seal = await this.sealDocs.findOne({ _id: doc.seal.sealId });
    if (seal && seal.publicKey !== doc.seal.publicKey) return false;
    return digest === doc.sm3 && this.seals.verify(doc.seal, digest);
  }

  /**
   * An uploaded file: the document it names (its id in the PDF's Subject), intact when its digest
   * and signature are the recorded ones. A file naming no document of ours is unknown: looking
   * it up by digest would read every document for each upload of a public page.
   */
  async byFile(bytes: Buffer): Promise<{ doc: DocumentDoc; intact: boolean } | null> {
    const marker = /county-document-id:([0-9a-f]{24})/.exec(bytes.toString('latin1'));
    const claimed = marker ? await this.documents.findOne({ _id: marker[1]! }) : null;
    if (!claimed) return null;
    return { doc: claimed, intact: await this.signatureValid(claimed, sm3OfBytes(bytes)) };
  }
}
