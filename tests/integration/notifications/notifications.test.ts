import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { StoredEvent } from '../../../server/cases/event-model';
import { BACKOFF_MS, type Delivery } from '../../../server/notifications';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, COMPANY, must, windowCase, type World } from '../cases/world';

/** A mail as the test's SMTP server received it, headers and text decoded. */
interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?=) and the body's transfer encoding, enough for nodemailer's output. */
function decodeMail(raw: string, to: string[]): Mail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const words = (s: string) =>
    s
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
        enc.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64').toString('utf8')
          : qp(data.replace(/_/g, ' ')),
      );
  const header = (name: string) =>
    unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1]?.trim() ?? '';
  const body = rest.join('\n\n');
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? qp(body.replace(/=\r?\n/g, ''))
        : body;
  return { to, subject: words(header('Subject')), text };
}
const qp = (s: string) =>
  Buffer.from(
    s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/** Polls until `check` answers something truthy: waiting for what happens, never for a time. */
async function until<T>(check: () => Promise<T | undefined | null | false>, what: string) {
  const end = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('notifications (RUN-15)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;
  let smtp: SMTPServer;
  let gateway: http.Server;
  const mails: Mail[] = [];
  const sms: {
    body: { to: string; text: string; id: string };
    headers: http.IncomingHttpHeaders;
  }[] = [];
  /** Statuses the gateway answers, one per request; 200 when the list is used up. */
  let gatewayAnswers: number[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(
            decodeMail(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    gateway = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => {
        sms.push({ body: JSON.parse(data), headers: req.headers });
        const status = gatewayAnswers.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { accepted: true } : { error: '网关忙' }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const gatewayPort = (gateway.address() as AddressInfo).port;
    server = await startTestServer(t.db, {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_FROM: '龙湾区政务服务 <noreply@longwan.example.gov.cn>',
      SMS_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/sms`,
      SMS_GATEWAY_TOKEN: 'gateway-secret',
      PUBLIC_BASE_URL: 'https://zwfw.longwan.example.gov.cn',
    });
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
    ]);
    itemId = await approvedItem(world);
  });
  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
  });

  const applicant = { ...COMPANY, phone: '13857712345', email: 'ojhg@example.cn' };
  const deliveriesOf = (caseId: string) =>
    server.models.deliveries.find({ caseId }).lean<Delivery[]>().exec();
  const delivery = (id: string) => server.models.deliveries.findById(id).lean<Delivery>().exec();
  /** The deliveries made from a case's events of one type, once the handler has made them. */
  const deliveriesFor = (caseId: string, eventType: string, count: number) =>
    until(async () => {
      const rows = (await deliveriesOf(caseId)).filter((d) => d.eventType === eventType);
      return rows.length >= count && rows;
    }, `${eventType} 的通知`);

  test('RUN-15: the applicant receives the acceptance by e-mail at the SMTP server and by SMS at the gateway, sent after the command answered', async () => {
    const id = await windowCase(world, itemId, { applicant });
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const caseNo = accepted.caseNo!;
    expect(caseNo).toBeTruthy();

    // The command has answered; its notices wait in the outbox, nothing is sent yet.
    const queued = await deliveriesFor(id, 'caseAccepted', 2);
    expect(queued.map((d) => d.channel).sort()).toEqual(['email', 'sms']);
    expect(queued.every((d) => d.status === 'pending' && d.attempts.length === 0)).toBe(true);
    // The address is not in the delivery: the sender reads it (encrypted) from the case.
    expect(JSON.stringify(queued)).not.toContain('13857712345');
    expect(JSON.stringify(queued)).not.toContain('ojhg@example.cn');
    const stored = await server.cases.store.collection.findOne({ _id: id });
    expect(stored!.applicantEmailEncrypted).toMatch(/^sm4cbc:/);
    expect(JSON.stringify(stored)).not.toContain('ojhg@example.cn');
    expect(mails.filter((m) => m.subject.includes(caseNo))).toHaveLength(0);

    await server.notifications.sender.tick();

    const mail = mails.find((m) => m.subject.includes(caseNo));
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual(['ojhg@example.cn']);
    expect(mail!.subject).toContain('已受理');
    expect(mail!.text).toContain(caseNo);
    expect(mail!.text).toContain('危险化学品经营许可证核发');
    expect(mail!.text).toContain('龙湾区安全生产监督管理局');
    expect(mail!.text).toContain('https://zwfw.longwan.example.gov.cn/portal/query');

    const text = sms.find((s) => s.body.text.includes(caseNo));
    expect(text).toBeDefined();
    expect(text!.body.to).toBe('13857712345');
    expect(text!.headers.authorization).toBe('Bearer gateway-secret');
    expect(text!.headers['idempotency-key']).toBe(text!.body.id);
    expect(text!.body.id).toBe(queued.find((d) => d.channel === 'sms')!._id);

    for (const d of queued) {
      const after = (await delivery(d._id))!;
      expect(after.status).toBe('sent');
      expect(after.attempts).toHaveLength(1);
      expect(after.attempts[0]).toMatchObject({ outcome: 'sent' });
    }
    // The case page's 通知记录 shows them, addresses masked.
    const listed = await world.as['aj.officer']!.get(`/api/cases/${id}/notifications`);
    expect(listed.status).toBe(200);
    const rows = listed.body.items as { channel: string; status: string; recipient: string }[];
    expect(rows.filter((r) => r.channel === 'sms')[0]!.recipient).toBe('申请人 138****2345');
    expect(JSON.stringify(listed.body)).not.toContain('13857712345');
    // Another department's staff cannot see the case, nor its notices.
    expect((await world.as['gs.window']!.get(`/api/cases/${id}/notifications`)).status).toBe(404);
  });

  test('RUN-15: a gateway that fails twice (500, 500, 200) is retried with back-off, every attempt recorded, and the case is not held up', async () => {
    gatewayAnswers = [500, 500];
    const id = await windowCase(world, itemId, { applicant });
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    const [smsDelivery] = (await deliveriesFor(id, 'caseAccepted', 2)).filter(
      (d) => d.channel === 'sms',
    );
    const requests = () => sms.filter((s) => s.body.id === smsDelivery!._id).length;

    await server.notifications.sender.tick();
    let d = (await delivery(smsDelivery!._id))!;
    expect(d.attempts.map((a) => a.outcome)).toEqual(['failed']);
    expect(d.attempts[0]!.error).toContain('500');
    expect(d.status).toBe('pending');
    expect(new Date(d.nextAttemptAt!).getTime()).toBe(world.clock.now.getTime() + BACKOFF_MS[0]);

    // Meanwhile the case goes on: the next command answers at once.
    const review = accepted.workItems.find((w) => w.nodeId === 'review')!;
    const claimed = await world.as['aj.officer']!.post(`/api/cases/${id}/commands`, {
      type: 'claim',
      workItemId: review.id,
    });
    expect(claimed.status).toBe(200);

    // Not yet due: no new request.
    await server.notifications.sender.tick();
    expect(requests()).toBe(1);

    world.clock.minutes(1);
    await server.notifications.sender.tick();
    d = (await delivery(smsDelivery!._id))!;
    expect(d.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
    expect(new Date(d.nextAttemptAt!).getTime()).toBe(world.clock.now.getTime() + BACKOFF_MS[1]);

    world.clock.minutes(5);
    await server.notifications.sender.tick();
    d = (await delivery(smsDelivery!._id))!;
    expect(d.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'sent']);
    expect(d.status).toBe('sent');
    expect(d.nextAttemptAt).toBeNull();
    expect(requests()).toBe(3);
    // The same idempotency key every time, so the gateway can drop a repeat.
    expect(
      new Set(
        sms.filter((s) => s.body.id === smsDelivery!._id).map((s) => s.headers['idempotency-key']),
      ),
    ).toEqual(new Set([smsDelivery!._id]));
    expect(await server.models.deliveryQueue.countDocuments({ _id: smsDelivery!._id })).toBe(0);
  });

  test('RUN-15: a gateway that keeps failing is given up after five attempts', async () => {
    gatewayAnswers = [503, 503, 503, 503, 503];
    const id = await windowCase(world, itemId, { applicant });
    await must(world, 'aj.officer', id, { type: 'accept' });
    const [smsDelivery] = (await deliveriesFor(id, 'caseAccepted', 2)).filter(
      (d) => d.channel === 'sms',
    );
    await server.notifications.sender.tick();
    for (const wait of BACKOFF_MS) {
      world.clock.advance(wait);
      await server.notifications.sender.tick();
    }
    const d = (await delivery(smsDelivery!._id))!;
    expect(d.status).toBe('failed');
    expect(d.attempts).toHaveLength(5);
    expect(d.attempts.every((a) => a.outcome === 'failed' && a.error!.includes('503'))).toBe(true);
    world.clock.days(1);
    await server.notifications.sender.tick();
    expect((await delivery(smsDelivery!._id))!.attempts).toHaveLength(5);
  });

  test('RUN-15: the applicant is told of 补正 with every material listed, and of refusal with the reason', async () => {
    const id = await windowCase(world, itemId, { applicant });
    await must(world, 'aj.officer', id, {
      type: 'requestCorrection',
      items: [
        { materialId: 'm-form', reason: '缺少法定代表人签字' },
        { materialId: 'm-report', reason: '报告已过有效期' },
      ],
    });
    const [mailDelivery] = (await deliveriesFor(id, 'correctionRequested', 2)).filter(
      (d) => d.channel === 'email',
    );
    expect(mailDelivery!.text).toContain('申请书（缺少法定代表人签字）');
    expect(mailDelivery!.text).toContain('安全评价报告（报告已过有效期）');

    const refusedId = await windowCase(world, itemId, { applicant });
    await must(world, 'aj.officer', refusedId, { type: 'refuse', reason: '不属于本部门职权范围' });
    const refused = await deliveriesFor(refusedId, 'caseRefused', 2);
    expect(refused[0]!.subject).toContain('不予受理');
    expect(refused[0]!.text).toContain('不属于本部门职权范围');
  });

  test('RUN-15: the officer gets an in-app message when a work item is assigned; the bell counts unread messages', async () => {
    const officer = world.as['aj.officer']!;
    const chief = world.as['aj.chief']!;
    const unread = async () => {
      const res = await officer.get('/api/messages/unread-count');
      expect(res.status).toBe(200);
      return res.body.count as number;
    };
    await server.notifications.sender.tick();
    const before = await unread();

    const id = await windowCase(world, itemId, { applicant });
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    // 审核 is open to the 执法人员 post: aj.officer holds it.
    // The 受理 item of the window start made one too; wait for 审核's, made after 受理.
    const created = await until(async () => {
      const rows = (await deliveriesOf(id)).filter((d) => d.eventType === 'workItemCreated');
      return rows.some((d) => d.subject.includes('审核')) && rows;
    }, '审核的待办通知');
    // 受理's own notice came before the case had a number: it says so, not 「受理（）」.
    const atStart = created.find((d) => d.subject.includes('受理'));
    expect(atStart?.subject).toBe('新待办：受理（待受理，尚未编号）');
    const officerId = String(
      (await server.models.users.findOne({ username: 'aj.officer' }).lean().orFail())._id,
    );
    expect(
      created.some(
        (d) =>
          d.channel === 'inApp' && d.recipient.kind === 'user' && d.recipient.userId === officerId,
      ),
    ).toBe(true);
    await server.notifications.sender.tick();

    expect(await unread()).toBeGreaterThan(before);
    const page = await officer.get('/api/messages?pageSize=50');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 50 });
    const message = (
      page.body.items as { id: string; title: string; body: string; read: boolean; link: string }[]
    ).find((m) => m.body.includes(accepted.caseNo!) && m.title.includes('审核'));
    expect(message).toBeDefined();
    expect(message!.read).toBe(false);
    expect(message!.link).toBe(`/cases/${id}`);

    // Someone else's message is not there for them: 404, and it stays unread.
    expect((await chief.post(`/api/messages/${message!.id}/read`, {})).status).toBe(404);
    const count = await unread();
    const read = await officer.post(`/api/messages/${message!.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);
    expect(await unread()).toBe(count - 1);
    expect((await officer.post('/api/messages/nonsense/read', {})).status).toBe(400);
  });

  test('RUN-15: the handler run twice over the same events makes one delivery each', async () => {
    const id = await windowCase(world, itemId, { applicant });
    await must(world, 'aj.officer', id, { type: 'accept' });
    await deliveriesFor(id, 'caseAccepted', 2);
    await until(
      async () => (await deliveriesOf(id)).some((d) => d.eventType === 'workItemCreated'),
      '待办通知',
    );
    const before = (await deliveriesOf(id)).length;
    const events = await server.models.events.find({ caseId: id }).lean<StoredEvent[]>().exec();
    await server.notifications.handler.handle(events);
    await server.notifications.handler.handle(events);
    expect((await deliveriesOf(id)).length).toBe(before);
    expect(await server.models.deliveryQueue.countDocuments({ _id: { $regex: `^${id}#` } })).toBe(
      (await deliveriesOf(id)).filter((d) => d.status === 'pending').length,
    );
  });

  test('RUN-15: a flowchart’s 通知 step tells the applicant (sms target) or the staff handling the case (staff target)', async () => {
    const id = await windowCase(world, itemId, { applicant });
    await must(world, 'aj.officer', id, { type: 'accept' });
    const stored = (await server.models.events.findOne({ caseId: id }).lean<StoredEvent>())!;
    // As the engine emits them for a service task with action="notify" (runtime/cases/flow.ts).
    const notify = (n: number, target: string) =>
      ({
        ...stored,
        _id: `${id}#notify-${n}`,
        type: 'serviceTaskRequested',
        nodeId: `Task_notify${n}`,
        stepName: target === 'staff' ? '发送催办提醒' : '送达',
        action: 'notify',
        target,
        documents: [],
      }) as unknown as StoredEvent;
    await server.notifications.handler.handle([notify(1, 'sms'), notify(2, 'staff')]);
    const made = (await deliveriesOf(id)).filter((d) => d.eventType === 'serviceTaskRequested');
    const toApplicant = made.filter((d) => d.recipient.kind === 'applicant');
    expect(toApplicant.map((d) => d.channel).sort()).toEqual(['email', 'sms']);
    expect(toApplicant[0]!.template).toBe('stepNoticeApplicant');
    expect(toApplicant[0]!.text).toContain('已到「送达」');
    const toStaff = made.filter((d) => d.recipient.kind === 'user');
    expect(toStaff.length).toBeGreaterThan(0);
    expect(toStaff.every((d) => d.channel === 'inApp' && d.template === 'stepNoticeStaff')).toBe(
      true,
    );
  });
});
