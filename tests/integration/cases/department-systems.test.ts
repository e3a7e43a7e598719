import { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  ALL_MATERIALS,
  applicationForm,
  approvedItem,
  caseWorld,
  COMPANY,
  FORM_DATA,
  itemContent,
  must,
  workItemAt,
  type World,
} from './world';

/** RUN-1, INT-1, RUN-12: department systems push cases with a key and deliver replies. */
describe('department systems', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'admin',
      'gs.window',
    ]);
    itemId = await approvedItem(world);
    const created = await world.as.admin!.post('/api/department-systems', {
      departmentId: world.ids.aj,
      name: '安监执法业务系统',
    });
    expect(created.status).toBe(201);
    key = created.body.key;
  });
  afterAll(() => server.close());

  const push = (body: object, auth = `Bearer ${key}`) =>
    new ApiClient(server.baseUrl).request('POST', '/api/system/cases', body, {
      authorization: auth,
    });

  const pushed = {
    itemId: '',
    externalRef: 'AJZF-2026-0001',
    applicant: COMPANY,
    data: FORM_DATA,
    materials: ALL_MATERIALS,
  };

  test('a push with the key starts a case awaiting acceptance; pushing it again returns the same case', async () => {
    const first = await push({ ...pushed, itemId });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('pendingAcceptance');
    const again = await push({ ...pushed, itemId });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const seen = await world.as['aj.officer']!.get(`/api/cases/${first.body.id}`);
    expect(seen.body.state.channel).toBe('push');
    expect(seen.body.trail[0]).toMatchObject({
      action: 'push',
      actor: { kind: 'departmentSystem', name: '安监执法业务系统' },
    });
  });

  test('no key, a wrong key, a revoked key, or another department’s item are refused', async () => {
    expect((await push({ ...pushed, itemId }, '')).status).toBe(401);
    expect((await push({ ...pushed, itemId }, `Bearer ${key.slice(0, -4)}abcd`)).status).toBe(401);
    // Only administrators register systems.
    const clerkTry = await world.as['aj.clerk']!.post('/api/department-systems', {
      departmentId: world.ids.aj,
      name: 'x',
    });
    expect(clerkTry.status).toBe(403);
    const other = await world.as.admin!.post('/api/department-systems', {
      departmentId: world.ids.gs,
      name: '市场监管系统',
    });
    const gsPush = await push(
      { ...pushed, itemId, externalRef: 'GS-1' },
      `Bearer ${other.body.key}`,
    );
    expect(gsPush.status).toBe(403);
    expect((await world.as.admin!.delete(`/api/department-systems/${other.body.id}`)).status).toBe(
      200,
    );
    expect(
      (await push({ ...pushed, itemId, externalRef: 'GS-2' }, `Bearer ${other.body.key}`)).status,
    ).toBe(401);
  });

  test('RUN-12: a case waiting for the higher level’s reply goes on when the system delivers it, once', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:county="http://county-platform.org/schema/bpmn/1.0" id="defs" targetNamespace="http://county-platform.org/test">
  <bpmn:message id="reply" name="上级审批结果" />
  <bpmn:process id="p" name="上报件" isExecutable="true">
    <bpmn:extensionElements><county:processConfig form="application" /></bpmn:extensionElements>
    <bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="accept" name="受理">
      <bpmn:extensionElements><county:stepConfig limitValue="1" limitUnit="workingDays"><county:postRef postId="${world.ids.officerPost}" /></county:stepConfig></bpmn:extensionElements>
      <bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:intermediateCatchEvent id="wait" name="上级回复">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="reply" />
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="deliver" name="送达">
      <bpmn:extensionElements><county:stepConfig limitValue="1" limitUnit="workingDays"><county:postRef postId="${world.ids.officerPost}" /></county:stepConfig></bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end" name="办结"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="accept" />
    <bpmn:sequenceFlow id="f1" sourceRef="accept" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="deliver" />
    <bpmn:sequenceFlow id="f3" sourceRef="deliver" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const clerk = world.as['aj.clerk']!;
    const created = await clerk.post(
      '/api/items',
      await itemContent(world, { name: '需上级审批的许可', handlingKind: 'escalated' }),
    );
    await clerk.put(`/api/items/${created.body.id}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    });
    const saved = await clerk.put(`/api/items/${created.body.id}/process`, { xml, version: 0 });
    expect(saved.body.problems).toEqual([]);
    const submitted = await clerk.post(`/api/items/${created.body.id}/submit`, {
      version: created.body.version,
    });
    await world.as.reviewer!.post(`/api/items/${created.body.id}/approve`, {
      version: submitted.body.version,
    });

    const started = await push({ ...pushed, itemId: created.body.id, externalRef: 'UP-1' });
    const id = started.body.id as string;
    const accepted = await must(world, 'aj.officer', id, { type: 'accept' });
    expect(accepted.workItems).toEqual([]);
    const deliver = (deliveryId: string) =>
      new ApiClient(server.baseUrl).request(
        'POST',
        `/api/system/cases/${id}/messages`,
        { messageName: '上级审批结果', deliveryId, outcome: 'approve', opinion: '同意' },
        { authorization: `Bearer ${key}` },
      );
    const replied = await deliver('R-1');
    expect(replied.status).toBe(200);
    expect(replied.body.workItems.map((w: { nodeId: string }) => w.nodeId)).toEqual(['deliver']);
    // The same delivery again changes nothing; another system cannot reach the case at all.
    const again = await deliver('R-1');
    expect(again.status).toBe(200);
    expect(again.body.workItems.map((w: { nodeId: string }) => w.nodeId)).toEqual(['deliver']);
    expect(await workItemAt(world, 'aj.officer', id, 'deliver')).toBeTruthy();
  });
});
