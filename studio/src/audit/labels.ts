export const LOGIN_OUTCOMES = {
  success: { text: '登录成功', status: 'Success' },
  failure: { text: '登录失败', status: 'Error' },
  locked: { text: '账号锁定中', status: 'Warning' },
  lockout: { text: '触发锁定', status: 'Error' },
  logout: { text: '退出登录', status: 'Default' },
} as const;

export const LOGIN_VIA: Record<string, string> = { password: '密码', oidc: '统一身份认证' };

/** Resources the operation log names; routes without their own entry log their tag instead. */
export const RESOURCES: Record<string, string> = { user: '用户', unit: '单位', post: '岗位' };

export const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  'reset-password': '重置密码',
  unlock: '解锁',
  post: '提交',
  patch: '修改',
};

/** Field names in `changes`, across users, units and posts. */
export const FIELDS: Record<string, string> = {
  id: '编号',
  name: '名称',
  username: '用户名',
  staffNo: '工号',
  phone: '电话',
  unitId: '所属单位',
  departmentId: '所属部门',
  countyId: '所属县（区）',
  parentId: '上级单位',
  postIds: '岗位',
  roles: '角色',
  status: '状态',
  lockedUntil: '锁定至',
  lastLoginAt: '最近登录',
  password: '密码',
  kind: '类型',
  divisionCode: '行政区划代码',
  deptCode: '部门编码',
  townshipCode: '乡镇编码',
  address: '地址',
  sortOrder: '排序',
  description: '说明',
};
