import type { NewTrailEntry, TrailActor } from '../../../runtime/trail';

export const CASE_ID = '6650c0ffee0000000000a001';
export const OTHER_CASE_ID = '6650c0ffee0000000000b002';

const department = { id: 'u-ajj', name: '温州市龙湾区应急管理局' };
const office = { id: 'u-ajj-xk', name: '行政审批科' };
const itemCode = '33030300AJ-XK-0001';

const clerk: TrailActor = {
  kind: 'staff',
  userId: 'user-17',
  staffNo: 'AJ0017',
  name: '陈晓燕',
  post: { id: 'post-accept', name: '受理岗' },
};
const chief: TrailActor = {
  kind: 'staff',
  userId: 'user-03',
  staffNo: 'AJ0003',
  name: '林建国',
  post: { id: 'post-approve', name: '审批岗' },
};

/** A case from application to grant, with a 补正 round in between. */
export function sampleEntries(): NewTrailEntry[] {
  return [
    {
      at: '2025-09-28T09:12:00+08:00',
      action: 'apply',
      actor: { kind: 'applicant', name: '温州瓯江化工有限公司' },
      application: {
        caseName: '危险化学品经营许可证核发（温州瓯江化工有限公司）',
        summary: '新办，经营品种：乙醇、丙酮',
        channel: 'online',
        forms: [{ formId: 'f-wh-1', name: '危险化学品经营许可证申请表', version: 3 }],
        materials: [
          {
            materialId: 'm-1',
            name: '营业执照',
            files: [{ fileId: 'g-01', name: '营业执照.pdf', sm3: 'a'.repeat(64), size: 20480 }],
          },
        ],
        appliedAt: '2025-09-28T09:10:00+08:00',
        applicant: {
          name: '温州瓯江化工有限公司',
          idType: 'creditCode',
          idNumber: '91330303MA2XXXXX0K',
        },
        contact: { name: '王海', idType: 'residentId', idNumber: '330303199001011234' },
        promisedLimit: { value: 10, unit: 'workingDays' },
      },
      data: { 'company.name': '温州瓯江化工有限公司', $kind: '新办', goods: [['乙醇', 'EtOH']] },
    },
    {
      at: '2025-09-28T10:00:00+08:00',
      action: 'accept',
      actor: clerk,
      process: {
        department,
        office,
        itemCode,
        step: { id: 'accept', name: '受理' },
        stepState: 'completed',
        stepStartedAt: '2025-09-28T09:30:00+08:00',
        stepEndedAt: '2025-09-28T10:00:00+08:00',
        opinion: '材料齐全，予以受理',
      },
    },
    {
      at: '2025-09-30T10:00:00+08:00',
      action: 'requestCorrection',
      actor: chief,
      process: {
        department,
        office,
        itemCode,
        step: { id: 'review', name: '审查' },
        stepState: 'suspended',
        opinion: '请补正安全管理制度文本',
        risk: { category: '审查', description: '材料审查不严', control: '双人复核' },
      },
    },
    {
      at: '2025-10-09T15:00:00+08:00',
      action: 'supplyCorrection',
      actor: { kind: 'applicant', name: '温州瓯江化工有限公司' },
      data: { materials: ['m-7'] },
    },
    {
      at: '2025-10-10T16:30:00+08:00',
      action: 'conclude',
      actor: chief,
      process: {
        department,
        office,
        itemCode,
        step: { id: 'decide', name: '决定' },
        stepState: 'completed',
        opinion: '符合条件，准予许可',
        attachments: [{ fileId: 'g-09', name: '准予许可决定书.pdf', sm3: 'b'.repeat(64) }],
      },
      result: {
        department,
        itemCode,
        finalState: 'granted',
        opinion: '准予许可',
        attachments: [{ fileId: 'g-09', name: '准予许可决定书.pdf', sm3: 'b'.repeat(64) }],
        concludedAt: '2025-10-10T16:30:00+08:00',
      },
    },
  ];
}
