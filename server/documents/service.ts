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
import { documentData } from './data';
import {
  DECISIONS,
  DOCUMENT_KINDS,
  HAND_SIGNED,
  INTERNAL,
  SEALED_AS_DECISIONS,
  type DocumentKind,
} from './kinds';
import { DocumentNumbers, deptAbbreviation, type NumberDoc } from './numbering';
import type { DocumentData } from './render';
import { LocalSealService, type SealRecord, type SealService } from './seal';
import { documentsFor, TRIGGERS } from './triggers';

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
    // Whether a case is ex officio, read once per case and batch (it is set at 立案 for good).
    const states = new Map<string, Promise<CaseDoc['state'] | undefined>>();
    const stateOf = (caseId: string) => {
      let hit = states.get(caseId);
      if (!hit)
        states.set(
          caseId,
          (hit = this.deps.cases.store.load(caseId).then((d) => d?.state ?? undefined)),
        );
      return hit;
    };
    for (const row of events) {
      // Omit<> over the union loses its discriminant; the row is the event with `_id` for `id`.
      const e = row as unknown as CaseEvent;
      if (!TRIGGERS.has(e.type)) continue;
      if (e.type === 'serviceTaskRequested' && e.action !== 'document') continue;
      const state = await stateOf(e.caseId);
      const base = { eventId: row._id, at: e.at };
      const wanted = documentsFor(e, state).map((kind) => ({
        kind,
        o: {
          ...base,
          ...(e.type === 'caseRefused' ? { reason: e.reason } : {}),
          ...(e.type === 'correctionRequested' ? { missing: e.items } : {}),
        },
      }));
      if (e.type === 'serviceTaskRequested' && !wanted.length)
        this.deps.logger.warn(
          { caseId: e.caseId, target: e.target },
          state?.exOfficio ? '制作文书：依职权办件不制作依申请文书' : '制作文书：未知的文书模板',
        );
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
   * decision (and a 查封扣押决定书), any step of the flowchart marked so (the deciding step); for a
   * notice, the step whose documents name its template, else the first step (受理, 立案). 送达回证,
   * the 笔录 and the 立案审批表 are signed by hand.
   */
  private sealedByFlowchart(nodes: CompiledNode[], kind: DocumentKind): boolean {
    const steps = nodes.flatMap((n) => (n.kind === 'userTask' ? [n.step] : []));
    if (HAND_SIGNED.includes(kind)) return false;
    if (SEALED_AS_DECISIONS.includes(kind)) return steps.some((s) => s.eSeal);
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
    const version = await this.deps.itemVersions
      .findById(versionId(caseDoc.itemId, caseDoc.itemVersion))
      .lean<ItemVersion>()
      .exec();
    const basis = (version?.content.legalBasis ?? [])
      .map((b) => `《${b.title}》${b.article}`)
      .join('、');
    // A 送达回证 lists what was served on the party: not itself, the 笔录 or the internal forms.
    const served =
      kind === 'service-receipt'
        ? (await this.ofCase(caseDoc)).filter((d) => !INTERNAL.includes(d.kind))
        : [];
    return documentData(caseDoc.state, kind, {
      number,
      issuer: o.issuer,
      countyName: o.countyName,
      cityName: o.cityName,
      issuedAt: o.issuedAt,
      legalBasisText: basis,
      ...(o.reason !== undefined ? { reason: o.reason } : {}),
      ...(o.missing ? { missing: o.missing } : {}),
      served,
    });
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
