import type { Role } from './types';

export { ROLE_LABELS } from '../../../runtime/access/roles';

/** What each role may do, in words, as server/access/abilities.ts grants it. */
export const ROLE_DESCRIPTIONS: Record<Role, { summary: string; abilities: string[] }> = {
  admin: {
    summary: '管理本县的组织机构、岗位和用户账号，查看全部日志。',
    abilities: [
      '新增、修改本县的部门、科室、乡镇（街道）和社区（村）',
      '新增、修改本县各单位的岗位',
      '新建用户，修改用户的单位、岗位和角色，重置密码、解锁、停用或启用账号',
      '查看本县的登录日志和操作日志',
    ],
  },
  clerk: {
    summary: '部门的事项管理员：维护本部门的事项目录、流程和表单，为流程环节设置岗位。',
    abilities: ['新增、修改本部门的岗位', '查看本部门的用户'],
  },
  reviewer: {
    summary: '工信 / 审管部门的审核员：审核各部门提交的事项并赋予事项编码。',
    abilities: ['查看本部门的用户'],
  },
  frontline: {
    summary: '窗口和业务科室的工作人员：按所在岗位受理、办理流程交来的办件。',
    abilities: ['查看本部门的用户'],
  },
  supervisor: {
    summary: '纪委监委的监察人员：对全县办件进行电子监察。',
    abilities: ['查看本县全部用户', '查看本县的操作日志'],
  },
};

/** What every staff member may do whatever their roles. */
export const EVERYONE_MAY = ['查看本县的组织机构和岗位（流程会把环节交给其他单位）'];
