/** The fourteen item types of CAT-3 and their codes (温州指引 附件 编码规则 二). */
export const ITEM_TYPES = {
  XK: '行政许可',
  SP: '非行政许可审批',
  CF: '行政处罚',
  QZ: '行政强制',
  ZS: '行政征收',
  GF: '行政给付',
  JL: '行政奖励',
  QR: '行政确认',
  ZY: '行政征用',
  CJ: '行政裁决',
  JG: '行政监管',
  DL: '代理',
  FW: '便民服务',
  QT: '其他',
} as const;

export type ItemType = keyof typeof ITEM_TYPES;
export const ITEM_TYPE_CODES = Object.keys(ITEM_TYPES) as ItemType[];

export const isItemType = (value: string): value is ItemType =>
  Object.prototype.hasOwnProperty.call(ITEM_TYPES, value);
