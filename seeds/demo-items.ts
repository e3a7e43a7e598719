import type {
  HandlingKind,
  ItemContent,
  ItemType,
  LegalBasis,
  Material,
  TimeLimit,
} from '../runtime';

/**
 * The demo county's catalog: real item names and legal bases of the kind a 龙湾区 department
 * publishes. `serial` fixes the code's serial where the guideline's examples name one (安监局 third
 * penalty item 0003, the market regulator's first agency item 0001); `state` is where the seed
 * leaves the item in its lifecycle.
 */
export interface DemoItem {
  department: string;
  office: string;
  state: 'approved' | 'submitted' | 'draft';
  serial?: number;
  content: Omit<ItemContent, 'subject' | 'office'>;
}

let ids = 0;
const id = (prefix: string) => `${prefix}${++ids}`;

const basis = (title: string, article: string, text: string): LegalBasis => ({
  id: id('b'),
  title,
  article,
  text,
});

const material = (
  name: string,
  options: Partial<Omit<Material, 'id' | 'name'>> = {},
): Material => ({
  id: id('m'),
  name,
  format: '纸质或电子',
  originalOrCopy: 'original',
  count: 1,
  medium: 'both',
  submission: '窗口或网上提交',
  required: true,
  ...options,
});

const workingDays = (value: number): TimeLimit => ({ value, unit: 'workingDays' });
const PHONE_SUPERVISION = '0577-86981100';

function item(
  type: ItemType,
  name: string,
  handlingKind: HandlingKind,
  rest: Partial<ItemContent> & Pick<ItemContent, 'legalBasis'>,
): DemoItem['content'] {
  return {
    type,
    name,
    handlingKind,
    materials: [],
    fee: { charged: false },
    serviceForms: [],
    faq: [],
    address: '龙湾区行政审批服务中心（永中街道永定路 1 号）',
    phone: '0577-86982000',
    supervisionPhone: PHONE_SUPERVISION,
    ...rest,
  };
}

const AJ = '龙湾区安全生产监督管理局';
const GS = '龙湾区市场监督管理局';

const penalty = (name: string, article: string, text: string, fine: [number, number]) =>
  item('CF', name, 'promised', {
    // 依职权 (RUN-17): opened by 立案 on the ordinary procedure; 90 days from 立案 (第六十条).
    initiation: 'exOfficio',
    procedure: 'penaltyOrdinary',
    legalLimit: { value: 90, unit: 'naturalDays' },
    legalBasis: [basis('《中华人民共和国安全生产法》', article, text)],
    penalty: {
      kinds: ['警告', '罚款', '责令停产停业整顿'],
      discretion: [
        {
          id: id('d'),
          violation: name.replace(/^对/, '').replace(/的处罚$/, ''),
          level: 'minor',
          circumstance: '初次违法且及时改正，未造成危害后果',
          penalty: '警告或较低幅度罚款',
          fineRange: { min: fine[0], max: Math.round((fine[0] + fine[1]) / 2) },
        },
        {
          id: id('d'),
          violation: name.replace(/^对/, '').replace(/的处罚$/, ''),
          level: 'serious',
          circumstance: '逾期未改正或造成后果',
          penalty: '较高幅度罚款',
          fineRange: { min: Math.round((fine[0] + fine[1]) / 2), max: fine[1] },
        },
      ],
      publishResults: true,
    },
    phone: '0577-86981234',
  });

export const DEMO_ITEMS: DemoItem[] = [
  // 安监局: penalties, licences, inspection.
  {
    department: AJ,
    office: '执法监察科',
    state: 'approved',
    serial: 1,
    content: penalty(
      '对生产经营单位未按规定设置安全生产管理机构或者配备安全生产管理人员的处罚',
      '第九十七条',
      '未按照规定设置安全生产管理机构或者配备安全生产管理人员的，责令限期改正，处十万元以下的罚款。',
      [10000, 100000],
    ),
  },
  {
    department: AJ,
    office: '执法监察科',
    state: 'approved',
    serial: 2,
    content: penalty(
      '对生产经营单位未按规定对从业人员进行安全生产教育和培训的处罚',
      '第九十七条',
      '未如实记录安全生产教育和培训情况的，责令限期改正，处十万元以下的罚款。',
      [10000, 100000],
    ),
  },
  {
    department: AJ,
    office: '执法监察科',
    state: 'approved',
    serial: 3,
    content: penalty(
      '对生产经营单位未在有较大危险因素的场所设置明显的安全警示标志的处罚',
      '第九十九条',
      '未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的，责令限期改正，处五万元以下的罚款。',
      [5000, 50000],
    ),
  },
  {
    department: AJ,
    office: '执法监察科',
    state: 'submitted',
    content: penalty(
      '对生产经营单位未建立事故隐患排查治理制度的处罚',
      '第一百零一条',
      '未建立事故隐患排查治理制度的，责令限期改正，处十万元以下的罚款。',
      [10000, 100000],
    ),
  },
  {
    department: AJ,
    office: '执法监察科',
    state: 'approved',
    content: item('XK', '危险化学品经营许可证核发（不带储存设施）', 'promised', {
      legalBasis: [
        basis(
          '《危险化学品安全管理条例》',
          '第三十三条',
          '国家对危险化学品经营（包括仓储经营）实行许可制度。未经许可，任何单位和个人不得经营危险化学品。',
        ),
        basis(
          '《危险化学品经营许可证管理办法》',
          '第三条',
          '经营许可证的颁发管理工作实行企业申请、两级发证、属地监管的原则。',
        ),
      ],
      acceptanceConditions:
        '有符合国家标准、行业标准的经营场所；主要负责人和安全生产管理人员经考核合格；有健全的安全生产规章制度和岗位操作规程。',
      materials: [
        material('危险化学品经营许可证申请表'),
        material('营业执照', { originalOrCopy: 'copy', medium: 'paper', submission: '窗口提交' }),
        material('经营场所产权证明或租赁合同', { originalOrCopy: 'copy' }),
        material('主要负责人和安全管理人员考核合格证明', { originalOrCopy: 'copy' }),
        material('安全生产规章制度和岗位操作规程目录'),
      ],
      legalLimit: workingDays(30),
      promisedLimit: workingDays(10),
      phone: '0577-86981234',
    }),
  },
  {
    department: AJ,
    office: '执法监察科',
    state: 'approved',
    content: item(
      'QZ',
      '对有根据认为不符合安全生产国家标准的设施设备予以查封或者扣押',
      'promised',
      {
        legalBasis: [
          basis(
            '《中华人民共和国安全生产法》',
            '第六十五条',
            '对有根据认为不符合保障安全生产的国家标准或者行业标准的设施、设备、器材以及违法生产、储存、使用、经营、运输的危险物品予以查封或者扣押。',
          ),
        ],
        coercion: {
          procedure: '制作查封（扣押）决定书并当场交付；清单一式二份；在三十日内依法作出处理决定。',
        },
        initiation: 'exOfficio',
        procedure: 'seizure',
        // 30 days, one extension of 30 (行政强制法 第二十五条).
        legalLimit: { value: 60, unit: 'naturalDays' },
        phone: '0577-86981234',
      },
    ),
  },
  {
    department: AJ,
    office: '执法监察科',
    state: 'approved',
    content: item('JG', '对生产经营单位安全生产情况的监督检查', 'immediate', {
      initiation: 'exOfficio',
      procedure: 'inspection',
      legalBasis: [
        basis(
          '《中华人民共和国安全生产法》',
          '第六十五条',
          '应急管理部门依法开展安全生产行政执法工作，对生产经营单位执行有关安全生产的法律、法规和国家标准或者行业标准的情况进行监督检查。',
        ),
      ],
      phone: '0577-86981235',
    }),
  },
  {
    department: AJ,
    office: '综合科',
    state: 'approved',
    content: item('JL', '对安全生产工作中做出显著成绩的单位和个人的奖励', 'promised', {
      legalBasis: [
        basis(
          '《中华人民共和国安全生产法》',
          '第十九条',
          '国家对在改善安全生产条件、防止生产安全事故、参加抢险救护等方面取得显著成绩的单位和个人，给予奖励。',
        ),
      ],
      acceptanceConditions:
        '在改善安全生产条件、防止生产安全事故、参加抢险救护等方面取得显著成绩。',
      materials: [material('推荐表'), material('事迹材料')],
      promisedLimit: workingDays(20),
      reward: { effectiveDate: '2021-09-01', publishResults: true },
    }),
  },
  // 市场监管局: registration, agency, food.
  {
    department: GS,
    office: '登记注册科',
    state: 'approved',
    serial: 1,
    content: item('DL', '代办个体工商户营业执照', 'deferredMaterials', {
      legalBasis: [
        basis(
          '《促进个体工商户发展条例》',
          '第十一条',
          '市场主体登记机关应当为个体工商户提供依法合规、规范统一、公开透明、便捷高效的登记服务。',
        ),
      ],
      acceptanceConditions: '经营者身份证明齐全，经营场所符合规定。',
      materials: [
        material('个体工商户登记（备案）申请书'),
        material('经营者身份证明', { originalOrCopy: 'copy' }),
        material('经营场所使用证明', { originalOrCopy: 'copy', required: false }),
      ],
      legalLimit: workingDays(3),
      promisedLimit: workingDays(1),
      phone: '0577-86983300',
    }),
  },
  {
    department: GS,
    office: '登记注册科',
    state: 'approved',
    content: item('XK', '食品经营许可', 'promised', {
      legalBasis: [
        basis(
          '《中华人民共和国食品安全法》',
          '第三十五条',
          '国家对食品生产经营实行许可制度。从事食品销售和餐饮服务，应当依法取得许可。',
        ),
        basis(
          '《食品经营许可和备案管理办法》',
          '第五条',
          '县级以上地方市场监督管理部门负责本行政区域内的食品经营许可和备案管理工作。',
        ),
      ],
      acceptanceConditions:
        '具有与经营的食品品种、数量相适应的经营场所、设备设施和食品安全管理人员。',
      materials: [
        material('食品经营许可申请书'),
        material('营业执照', { originalOrCopy: 'copy' }),
        material('经营场所平面布局图'),
        material('食品安全管理制度文本'),
      ],
      legalLimit: workingDays(10),
      promisedLimit: workingDays(5),
      phone: '0577-86983301',
    }),
  },
  {
    department: GS,
    office: '登记注册科',
    state: 'approved',
    content: item('QR', '食品小作坊登记', 'promised', {
      legalBasis: [
        basis(
          '《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》',
          '第九条',
          '食品小作坊应当向所在地县级市场监督管理部门申请登记。',
        ),
      ],
      acceptanceConditions: '有固定的生产场所和必要的设施设备。',
      materials: [
        material('食品小作坊登记申请表'),
        material('从业人员健康证明', { originalOrCopy: 'copy' }),
      ],
      legalLimit: workingDays(15),
      promisedLimit: workingDays(7),
      phone: '0577-86983301',
    }),
  },
  {
    department: GS,
    office: '登记注册科',
    state: 'submitted',
    content: item('FW', '企业名称自主申报咨询', 'immediate', {
      legalBasis: [
        basis(
          '《企业名称登记管理规定》',
          '第十七条',
          '在企业登记机关依法登记注册前，申请人可以自主申报企业名称。',
        ),
      ],
      acceptanceConditions: '无。',
      phone: '0577-86983300',
    }),
  },
  {
    department: GS,
    office: '综合科',
    state: 'approved',
    content: item('CF', '对销售不符合食品安全标准的食品的处罚', 'promised', {
      initiation: 'exOfficio',
      procedure: 'penaltyOrdinary',
      legalLimit: { value: 90, unit: 'naturalDays' },
      legalBasis: [
        basis(
          '《中华人民共和国食品安全法》',
          '第一百二十四条',
          '生产经营不符合食品安全标准的食品的，没收违法所得和违法生产经营的食品，并可以没收用于违法生产经营的工具、设备、原料等物品；违法生产经营的食品货值金额不足一万元的，并处五万元以上十万元以下罚款。',
        ),
      ],
      penalty: {
        kinds: ['没收违法所得', '罚款', '吊销许可证'],
        discretion: [
          {
            id: id('d'),
            violation: '销售不符合食品安全标准的食品',
            level: 'ordinary',
            circumstance: '货值金额不足一万元',
            penalty: '罚款',
            fineRange: { min: 50000, max: 100000 },
          },
          {
            id: id('d'),
            violation: '销售不符合食品安全标准的食品',
            level: 'serious',
            circumstance: '货值金额一万元以上',
            penalty: '货值金额十倍以上二十倍以下罚款',
          },
        ],
        publishResults: true,
      },
      phone: '0577-86983302',
    }),
  },
  // 民政局.
  {
    department: '龙湾区民政局',
    office: '社会救助科',
    state: 'approved',
    content: item('GF', '最低生活保障金给付', 'promised', {
      legalBasis: [
        basis(
          '《社会救助暂行办法》',
          '第九条',
          '国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。',
        ),
      ],
      acceptanceConditions: '户籍在本区，家庭人均收入低于当地最低生活保障标准且财产状况符合规定。',
      materials: [
        material('最低生活保障申请书'),
        material('户口簿', { originalOrCopy: 'copy' }),
        material('家庭经济状况核对授权书'),
      ],
      legalLimit: workingDays(30),
      promisedLimit: workingDays(20),
      phone: '0577-86984400',
    }),
  },
  {
    department: '龙湾区民政局',
    office: '社会救助科',
    state: 'approved',
    content: item('QR', '婚姻登记（结婚登记）', 'immediate', {
      legalBasis: [
        basis(
          '《婚姻登记条例》',
          '第四条',
          '内地居民结婚，男女双方应当共同到婚姻登记机关办理结婚登记。',
        ),
      ],
      acceptanceConditions: '双方自愿，达到法定婚龄，均无配偶。',
      materials: [
        material('居民身份证', {
          originalOrCopy: 'original',
          medium: 'paper',
          submission: '窗口核验',
        }),
        material('近期半身免冠合影照片', { count: 3, medium: 'paper' }),
      ],
      phone: '0577-86984401',
    }),
  },
  {
    department: '龙湾区民政局',
    office: '社会救助科',
    state: 'draft',
    content: item('GF', '临时救助金给付', 'promised', {
      legalBasis: [
        basis(
          '《社会救助暂行办法》',
          '第四十七条',
          '国家对因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭，给予临时救助。',
        ),
      ],
      acceptanceConditions: '因意外事件或突发重大疾病导致基本生活暂时出现严重困难。',
      materials: [material('临时救助申请书'), material('困难情况证明材料')],
      promisedLimit: workingDays(10),
      phone: '0577-86984400',
    }),
  },
  // 人力社保局.
  {
    department: '龙湾区人力资源和社会保障局',
    office: '就业促进科',
    state: 'approved',
    content: item('GF', '失业保险金申领', 'promised', {
      legalBasis: [
        basis(
          '《失业保险条例》',
          '第十四条',
          '具备下列条件的失业人员，可以领取失业保险金：按照规定参加失业保险，所在单位和本人已按照规定履行缴费义务满1年的……',
        ),
      ],
      acceptanceConditions: '参保缴费满 1 年，非因本人意愿中断就业，已办理失业登记并有求职要求。',
      materials: [
        material('失业保险金申领登记表'),
        material('解除或终止劳动关系证明', { originalOrCopy: 'copy' }),
      ],
      legalLimit: workingDays(10),
      promisedLimit: workingDays(5),
      phone: '0577-86985500',
    }),
  },
  {
    department: '龙湾区人力资源和社会保障局',
    office: '就业促进科',
    state: 'approved',
    content: item('QR', '就业创业证申领', 'immediate', {
      legalBasis: [
        basis(
          '《就业服务与就业管理规定》',
          '第六十三条',
          '县级以上公共就业服务机构应当建立就业登记制度和失业登记制度。',
        ),
      ],
      acceptanceConditions: '在法定劳动年龄内、有劳动能力和就业要求。',
      materials: [
        material('居民身份证', {
          originalOrCopy: 'original',
          medium: 'paper',
          submission: '窗口核验',
        }),
      ],
      phone: '0577-86985501',
    }),
  },
  {
    department: '龙湾区人力资源和社会保障局',
    office: '就业促进科',
    state: 'submitted',
    content: item('CJ', '劳动人事争议仲裁', 'promised', {
      legalBasis: [
        basis(
          '《中华人民共和国劳动争议调解仲裁法》',
          '第四十三条',
          '仲裁庭裁决劳动争议案件，应当自劳动争议仲裁委员会受理仲裁申请之日起四十五日内结束。',
        ),
      ],
      acceptanceConditions:
        '有明确的被申请人、具体的仲裁请求和事实、理由，属于受理范围且在仲裁时效内。',
      materials: [
        material('仲裁申请书', { count: 2 }),
        material('申请人身份证明', { originalOrCopy: 'copy' }),
        material('证据材料', { required: false }),
      ],
      legalLimit: { value: 45, unit: 'naturalDays' },
      promisedLimit: { value: 45, unit: 'naturalDays' },
      phone: '0577-86985502',
    }),
  },
  // 卫健局.
  {
    department: '龙湾区卫生健康局',
    office: '医政科',
    state: 'approved',
    content: item('XK', '医疗机构执业登记（诊所备案除外）', 'promised', {
      legalBasis: [
        basis(
          '《医疗机构管理条例》',
          '第十四条',
          '医疗机构执业，必须进行登记，领取《医疗机构执业许可证》。',
        ),
      ],
      acceptanceConditions: '按照规划设置，符合医疗机构基本标准，有适合的名称、组织机构和场所。',
      materials: [
        material('医疗机构执业登记申请书'),
        material('设置医疗机构批准书或备案回执', { originalOrCopy: 'copy' }),
        material('医疗机构用房产权证明或使用证明', { originalOrCopy: 'copy' }),
        material('验资证明或资产评估报告'),
      ],
      legalLimit: workingDays(45),
      promisedLimit: workingDays(15),
      phone: '0577-86986600',
    }),
  },
  {
    department: '龙湾区卫生健康局',
    office: '医政科',
    state: 'approved',
    content: item('XK', '公共场所卫生许可', 'promised', {
      legalBasis: [
        basis(
          '《公共场所卫生管理条例》',
          '第八条',
          '除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理“卫生许可证”。',
        ),
      ],
      acceptanceConditions: '卫生设施、从业人员健康合格，卫生管理制度健全。',
      materials: [
        material('公共场所卫生许可申请表'),
        material('卫生管理制度'),
        material('从业人员健康合格证明', { originalOrCopy: 'copy' }),
      ],
      legalLimit: workingDays(20),
      promisedLimit: workingDays(5),
      phone: '0577-86986601',
    }),
  },
  // 住建局.
  {
    department: '龙湾区住房和城乡建设局',
    office: '建筑业管理科',
    state: 'approved',
    content: item('XK', '建筑工程施工许可证核发', 'promised', {
      legalBasis: [
        basis(
          '《中华人民共和国建筑法》',
          '第七条',
          '建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。',
        ),
        basis(
          '《建筑工程施工许可管理办法》',
          '第四条',
          '建设单位申请领取施工许可证，应当具备下列条件……',
        ),
      ],
      acceptanceConditions:
        '已办理用地批准手续，已取得建设工程规划许可证，施工场地已具备施工条件，已确定施工企业。',
      materials: [
        material('建筑工程施工许可申请表'),
        material('建设工程规划许可证', { originalOrCopy: 'copy' }),
        material('施工合同', { originalOrCopy: 'copy' }),
        material('施工图设计文件审查合格书', { originalOrCopy: 'copy' }),
      ],
      legalLimit: workingDays(7),
      promisedLimit: workingDays(3),
      phone: '0577-86987700',
    }),
  },
  {
    department: '龙湾区住房和城乡建设局',
    office: '建筑业管理科',
    state: 'approved',
    content: item('ZS', '城市基础设施配套费征收', 'immediate', {
      initiation: 'exOfficio',
      procedure: 'levy',
      legalBasis: [
        basis(
          '《浙江省城市基础设施配套费征收管理办法》',
          '第三条',
          '在城市规划区范围内新建、改建、扩建建设项目的单位和个人，应当缴纳城市基础设施配套费。',
        ),
      ],
      acceptanceConditions: '取得建设工程规划许可的新建、改建、扩建项目。',
      materials: [material('建设工程规划许可证', { originalOrCopy: 'copy' })],
      fee: {
        charged: true,
        basis: '《浙江省城市基础设施配套费征收管理办法》第五条',
        standard: '按建筑面积计征，具体以本市公布标准为准',
      },
      phone: '0577-86987701',
    }),
  },
  {
    department: '龙湾区住房和城乡建设局',
    office: '建筑业管理科',
    state: 'draft',
    content: item('SP', '建设工程竣工验收备案', 'promised', {
      legalBasis: [
        basis(
          '《房屋建筑和市政基础设施工程竣工验收备案管理办法》',
          '第四条',
          '建设单位应当自工程竣工验收合格之日起15日内，依照本办法规定，向工程所在地的县级以上地方人民政府建设主管部门备案。',
        ),
      ],
      acceptanceConditions: '工程竣工验收合格。',
      materials: [material('竣工验收备案表', { count: 2 }), material('工程竣工验收报告')],
      promisedLimit: workingDays(5),
      phone: '0577-86987700',
    }),
  },
  // 自然资源和规划局.
  {
    department: '龙湾区自然资源和规划局',
    office: '用地审批科',
    state: 'approved',
    content: item('XK', '建设工程规划许可证核发', 'joint', {
      legalBasis: [
        basis(
          '《中华人民共和国城乡规划法》',
          '第四十条',
          '在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门申请办理建设工程规划许可证。',
        ),
      ],
      acceptanceConditions: '取得土地使用权，设计方案符合控制性详细规划和规划条件。',
      materials: [
        material('建设工程规划许可申请表'),
        material('土地使用权证明', { originalOrCopy: 'copy' }),
        material('建设工程设计方案'),
      ],
      legalLimit: workingDays(20),
      promisedLimit: workingDays(10),
      phone: '0577-86988800',
    }),
  },
  {
    department: '龙湾区自然资源和规划局',
    office: '用地审批科',
    state: 'approved',
    content: item('ZY', '临时用地审批', 'escalated', {
      // Applied for by the builder, although of a type that is usually ex officio.
      initiation: 'onApplication',
      legalBasis: [
        basis(
          '《中华人民共和国土地管理法》',
          '第五十七条',
          '建设项目施工和地质勘查需要临时使用国有土地或者农民集体所有的土地的，由县级以上人民政府自然资源主管部门批准。',
        ),
      ],
      acceptanceConditions: '因建设项目施工、地质勘查需要临时使用土地，期限一般不超过二年。',
      materials: [
        material('临时用地申请表'),
        material('临时使用土地合同', { originalOrCopy: 'copy' }),
        material('土地复垦方案'),
      ],
      legalLimit: workingDays(20),
      promisedLimit: workingDays(15),
      phone: '0577-86988801',
    }),
  },
  // 交通运输局.
  {
    department: '龙湾区交通运输局',
    office: '运输管理科',
    state: 'approved',
    content: item('XK', '道路货物运输经营许可', 'promised', {
      legalBasis: [
        basis(
          '《中华人民共和国道路运输条例》',
          '第二十四条',
          '申请从事货运经营的，应当依法向市场监督管理部门办理有关登记手续后，向县级道路运输管理机构提出申请。',
        ),
      ],
      acceptanceConditions:
        '有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员；有健全的安全生产管理制度。',
      materials: [
        material('道路货物运输经营申请表'),
        material('负责人身份证明', { originalOrCopy: 'copy' }),
        material('车辆技术等级评定证明', { originalOrCopy: 'copy' }),
      ],
      legalLimit: workingDays(20),
      promisedLimit: workingDays(5),
      phone: '0577-86989900',
    }),
  },
  {
    department: '龙湾区交通运输局',
    office: '运输管理科',
    state: 'approved',
    content: item('FW', '道路运输证遗失补办', 'immediate', {
      legalBasis: [
        basis(
          '《道路运输车辆技术管理规定》',
          '第二十二条',
          '道路运输证损毁或者遗失的，应当及时向原发证机构申请补发。',
        ),
      ],
      acceptanceConditions: '道路运输证遗失或损毁。',
      materials: [material('补办申请表'), material('遗失声明', { required: false })],
      phone: '0577-86989901',
    }),
  },
  {
    department: '龙湾区交通运输局',
    office: '运输管理科',
    state: 'submitted',
    content: item('QT', '出租汽车驾驶员从业资格注册', 'promised', {
      legalBasis: [
        basis(
          '《出租汽车驾驶员从业资格管理规定》',
          '第十八条',
          '出租汽车驾驶员应当在取得从业资格证后，向所在地出租汽车行政主管部门申请注册。',
        ),
      ],
      acceptanceConditions: '取得从业资格证，与出租汽车经营者签订劳动合同或经营合同。',
      materials: [
        material('注册申请表'),
        material('从业资格证', { originalOrCopy: 'copy' }),
        material('劳动合同或经营合同', { originalOrCopy: 'copy' }),
      ],
      promisedLimit: workingDays(5),
      phone: '0577-86989900',
    }),
  },
  // 行政审批服务管理办公室 (联办).
  {
    department: '龙湾区行政审批服务管理办公室',
    office: '事项审核科',
    state: 'approved',
    content: item('SP', '企业投资项目备案', 'joint', {
      legalBasis: [
        basis(
          '《企业投资项目核准和备案管理条例》',
          '第十三条',
          '实行备案管理的项目，企业应当在开工建设前通过在线平台将有关信息告知备案机关。',
        ),
      ],
      acceptanceConditions: '属于备案管理范围的企业投资项目。',
      materials: [material('项目备案信息表', { medium: 'electronic', submission: '网上提交' })],
      promisedLimit: workingDays(1),
      phone: '0577-86980001',
    }),
  },
];
