/**
 * Our BPMN extension (PROC-2), kept once and registered in both the studio's modeler and the
 * server's parser. Structured data sits in `bpmn:extensionElements` as `county:*` elements.
 *
 * On a user or service task: one `county:stepConfig` with the step's limit, form, posts and the
 * rest. On a process: one `county:processConfig` naming the application form.
 */
export const COUNTY_NS = 'http://county-platform.org/schema/bpmn/1.0';

const attr = (name: string, type = 'String') => ({ name, type, isAttr: true });
const many = (name: string, type: string) => ({ name, type, isMany: true });

export const countyModdle = {
  name: 'County',
  prefix: 'county',
  uri: COUNTY_NS,
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'ProcessConfig',
      superClass: ['Element'],
      properties: [attr('form')],
    },
    {
      name: 'StepConfig',
      superClass: ['Element'],
      properties: [
        // Time limit of the step; unit one of workingDays, naturalDays, hours.
        attr('limitValue', 'Real'),
        attr('limitUnit'),
        // Key of the item's form shown at this step.
        attr('form'),
        attr('eSeal', 'Boolean'),
        // Whether completing the step needs a written opinion, and a 同意 / 不同意 choice.
        attr('opinionRequired', 'Boolean'),
        attr('decisionRequired', 'Boolean'),
        // Multi-instance steps: all (会签), any (或签) or ratio; ratio between 0 and 1.
        attr('signing'),
        attr('signingRatio', 'Real'),
        // 联办 / 并联审批 (PROC-3): lead or assisting, and the unit that handles the branch.
        attr('jointRole'),
        attr('unitId'),
        // acceptingUnit: handled by the window that accepted the case (基层反馈, RUN-12).
        attr('handledBy'),
        // Ex officio cases (RUN-17): the officer's queue the step belongs to, and whether the
        // step decides a penalty within the item's 自由裁量基准 (CAT-2).
        attr('stage'),
        attr('discretion', 'Boolean'),
        // Service tasks: document, notify or push, and what it uses (a template, a channel).
        attr('action'),
        attr('actionTarget'),
        many('posts', 'county:PostRef'),
        many('excludedTimes', 'county:ExcludedTime'),
        many('fieldPermissions', 'county:FieldPermission'),
        many('documents', 'county:StepDocument'),
        many('riskPoints', 'county:RiskPoint'),
        many('supervisionPoints', 'county:SupervisionPoint'),
      ],
    },
    { name: 'PostRef', superClass: ['Element'], properties: [attr('postId'), attr('name')] },
    {
      name: 'ExcludedTime',
      superClass: ['Element'],
      // kind: hearing 听证, tendering 招标, auction 拍卖, inspection 检验, testing 检测,
      // quarantine 检疫, appraisal 鉴定, expertReview 专家评审.
      properties: [attr('kind'), attr('reason')],
    },
    {
      name: 'FieldPermission',
      superClass: ['Element'],
      // access: read, write or hidden.
      properties: [attr('field'), attr('access')],
    },
    {
      name: 'StepDocument',
      superClass: ['Element'],
      properties: [attr('name'), attr('how'), attr('format'), attr('template')],
    },
    {
      name: 'RiskPoint',
      superClass: ['Element'],
      // type: e.g. 廉政风险, 履职风险, 制度机制风险; level: high, medium, low.
      properties: [
        attr('name'),
        attr('type'),
        attr('level'),
        attr('description'),
        attr('measures'),
      ],
    },
    {
      name: 'SupervisionPoint',
      superClass: ['Element'],
      properties: [attr('name'), attr('rule'), attr('description')],
    },
  ],
} as const;
