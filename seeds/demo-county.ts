import type { Role } from '../server/access/abilities';

/** The demo county: 温州市龙湾区. Division codes are looked up in the official list, not typed here. */
export const DEMO_CITY = { name: '温州市', divisionCode: '330300' };
export const DEMO_COUNTY = { name: '龙湾区', divisionCode: '330303' };

export interface DemoDepartment {
  name: string;
  deptCode: string;
  offices: { name: string; posts: string[] }[];
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    name: '龙湾区安全生产监督管理局',
    deptCode: 'AJ',
    offices: [
      { name: '综合科', posts: ['事项管理员'] },
      { name: '执法监察科', posts: ['执法人员', '科长'] },
      { name: '局领导', posts: ['分管局长'] },
    ],
  },
  {
    // 代码沿用原工商局的 GS（温州指引示例 33030300GS-DL-0001）。
    name: '龙湾区市场监督管理局',
    deptCode: 'GS',
    offices: [
      { name: '登记注册科', posts: ['登记窗口', '审核人员', '科长'] },
      { name: '综合科', posts: ['事项管理员'] },
    ],
  },
  {
    name: '龙湾区民政局',
    deptCode: 'MZ',
    offices: [{ name: '社会救助科', posts: ['经办人员', '科长'] }],
  },
  {
    name: '龙湾区人力资源和社会保障局',
    deptCode: 'RS',
    offices: [{ name: '就业促进科', posts: ['经办人员', '科长'] }],
  },
  {
    name: '龙湾区卫生健康局',
    deptCode: 'WJ',
    offices: [{ name: '医政科', posts: ['经办人员', '科长'] }],
  },
  {
    name: '龙湾区住房和城乡建设局',
    deptCode: 'ZJ',
    offices: [{ name: '建筑业管理科', posts: ['经办人员', '科长'] }],
  },
  {
    name: '龙湾区自然资源和规划局',
    deptCode: 'ZR',
    offices: [{ name: '用地审批科', posts: ['经办人员', '科长'] }],
  },
  {
    name: '龙湾区交通运输局',
    deptCode: 'JT',
    offices: [{ name: '运输管理科', posts: ['经办人员', '科长'] }],
  },
  {
    name: '龙湾区行政审批服务管理办公室',
    deptCode: 'SG',
    offices: [{ name: '事项审核科', posts: ['审核员'] }],
  },
  {
    name: '龙湾区大数据发展管理局',
    deptCode: 'SJ',
    offices: [{ name: '平台运维科', posts: ['系统管理员'] }],
  },
  {
    name: '龙湾区纪委监委',
    deptCode: 'JW',
    offices: [{ name: '效能监察室', posts: ['监察员'] }],
  },
];

/** Townships that get a service window (便民服务中心) and the communities seeded under the first. */
export const DEMO_WINDOW_TOWNSHIPS = ['永中街道', '海城街道'];
export const DEMO_COMMUNITY_COUNT = 2;

/** Every demo account has this password; the README lists them. */
export const DEMO_PASSWORD = 'Longwan@2026';

export interface DemoUser {
  username: string;
  staffNo: string;
  name: string;
  /** Department (or township) name, then office name. */
  unit: [string, string];
  posts: string[];
  roles: Role[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    staffNo: 'SJ001',
    name: '陈建国',
    unit: ['龙湾区大数据发展管理局', '平台运维科'],
    posts: ['系统管理员'],
    roles: ['admin'],
  },
  {
    username: 'reviewer',
    staffNo: 'SG001',
    name: '林晓燕',
    unit: ['龙湾区行政审批服务管理办公室', '事项审核科'],
    posts: ['审核员'],
    roles: ['reviewer'],
  },
  {
    username: 'aj.clerk',
    staffNo: 'AJ001',
    name: '王海涛',
    unit: ['龙湾区安全生产监督管理局', '综合科'],
    posts: ['事项管理员'],
    roles: ['clerk'],
  },
  {
    username: 'aj.officer',
    staffNo: 'AJ002',
    name: '张伟',
    unit: ['龙湾区安全生产监督管理局', '执法监察科'],
    posts: ['执法人员'],
    roles: ['frontline'],
  },
  {
    username: 'aj.chief',
    staffNo: 'AJ003',
    name: '李明',
    unit: ['龙湾区安全生产监督管理局', '执法监察科'],
    posts: ['科长'],
    roles: ['frontline'],
  },
  {
    username: 'gs.clerk',
    staffNo: 'GS001',
    name: '周丽',
    unit: ['龙湾区市场监督管理局', '综合科'],
    posts: ['事项管理员'],
    roles: ['clerk'],
  },
  {
    username: 'gs.window',
    staffNo: 'GS002',
    name: '吴静',
    unit: ['龙湾区市场监督管理局', '登记注册科'],
    posts: ['登记窗口'],
    roles: ['frontline'],
  },
  {
    username: 'yz.window',
    staffNo: 'YZ001',
    name: '郑小红',
    unit: ['永中街道', '便民服务中心'],
    posts: ['综合受理窗口'],
    roles: ['frontline'],
  },
  {
    username: 'supervisor',
    staffNo: 'JW001',
    name: '黄志强',
    unit: ['龙湾区纪委监委', '效能监察室'],
    posts: ['监察员'],
    roles: ['supervisor'],
  },
  // A second supervisor: exempting an item from supervision needs another's approval (SUP-9).
  {
    username: 'supervisor2',
    staffNo: 'JW002',
    name: '郑丽',
    unit: ['龙湾区纪委监委', '效能监察室'],
    posts: ['监察员'],
    roles: ['supervisor'],
  },
  // One clerk for each other department that keeps items in the demo catalog.
  ...(
    [
      ['mz.clerk', 'MZ001', '孙立', '龙湾区民政局', '社会救助科'],
      ['rs.clerk', 'RS001', '钱芳', '龙湾区人力资源和社会保障局', '就业促进科'],
      ['wj.clerk', 'WJ001', '冯敏', '龙湾区卫生健康局', '医政科'],
      ['zj.clerk', 'ZJ001', '蒋涛', '龙湾区住房和城乡建设局', '建筑业管理科'],
      ['zr.clerk', 'ZR001', '沈洁', '龙湾区自然资源和规划局', '用地审批科'],
      ['jt.clerk', 'JT001', '韩磊', '龙湾区交通运输局', '运输管理科'],
      ['sg.clerk', 'SG002', '杨帆', '龙湾区行政审批服务管理办公室', '事项审核科'],
      // Keeps the 督办 and complaint processes of the 效能监察室 (PROC-6, SUP-4).
      ['jw.clerk', 'JW003', '陆文', '龙湾区纪委监委', '效能监察室'],
    ] as const
  ).map(([username, staffNo, name, department, office]) => ({
    username,
    staffNo,
    name,
    unit: [department, office] as [string, string],
    posts: [],
    roles: ['clerk' as const],
  })),
];
