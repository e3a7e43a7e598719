/**
 * What the properties panel (bpmn-js-properties-panel 5.65 with its BPMN provider, and
 * @bpmn-io/properties-panel 3) passes through `translate`, in Chinese.
 */
export const PANEL_STRINGS: Record<string, string> = {
  // Empty and multiple selection.
  'Select an element to edit its properties.': '选中一个元素以编辑其属性。',
  'Multiple elements are selected. Select a single element to edit its properties.':
    '选中了多个元素，请只选一个元素来编辑其属性。',

  // Group headers.
  General: '基本信息',
  Documentation: '说明',
  Compensation: '补偿',
  Error: '错误',
  Message: '消息',
  Signal: '信号',
  Link: '链接',
  Escalation: '升级',
  Timer: '定时',
  'Multi-instance': '多实例',
  Completion: '完成条件',

  // General.
  Name: '名称',
  ID: '标识（ID）',
  'Participant ID': '参与者标识',
  'Participant Name': '参与者名称',
  'Process ID': '流程标识（ID）',
  'Process name': '流程名称',
  Executable: '可执行',
  'ID must not be empty.': '标识不能为空。',
  'ID must be unique.': '标识已被其他元素使用。',
  'ID must not contain spaces.': '标识不能包含空格。',
  'ID must not contain prefix.': '标识不能包含前缀（冒号）。',
  'ID must be a valid QName.': '标识须以字母或下划线开头，只含字母、数字、-、_ 和 .。',

  // Documentation.
  'Element documentation': '元素说明',
  'Process documentation': '流程说明',

  // References to global elements (message, signal, error, escalation).
  '<none>': '（无）',
  'Create new ...': '新建……',
  'Global message reference': '消息',
  'Global signal reference': '信号',
  'Global error reference': '错误',
  'Global escalation reference': '升级',
  Code: '代码',
  'Activity reference': '活动引用',
  'Wait for completion': '等待完成',

  // Timer.
  Type: '类型',
  Value: '值',
  Date: '日期时间',
  Duration: '时长',
  Cycle: '周期',
  'A specific point in time defined as ISO 8601 combined date and time representation.':
    '某一时刻，用 ISO 8601 日期时间表示。',
  'A time duration defined as ISO 8601 durations format.': '一段时长，用 ISO 8601 时长格式表示。',
  'A cycle defined as ISO 8601 repeating intervals format.': '重复周期，用 ISO 8601 重复间隔表示。',
  'UTC time': '协调世界时',
  'UTC plus 2 hours zone offset': '比协调世界时快 2 小时的时区',
  '15 seconds': '15 秒',
  '1 hour and 30 minutes': '1 小时 30 分',
  '14 days': '14 天',
  'every 10 seconds, up to 5 times': '每 10 秒一次，最多 5 次',
  'every day, infinitely': '每天一次，不限次数',
  'Documentation: Timer events': '参考：定时事件（英文）',

  // Multi-instance and ad-hoc completion.
  'Loop cardinality': '实例数',
  'Completion condition': '完成条件',
  'Cancel remaining instances': '取消其余实例',

  // @bpmn-io/properties-panel itself.
  'Toggle section': '展开/收起',
  'Section contains edits': '本节已填写',
  'Section contains an error': '本节有错误',
  'Open documentation': '打开说明',
  '<empty>': '（未填写）',
  'Toggle list item': '展开/收起此项',
  'Delete item': '删除此项',
  'Create new list item': '新增一项',
  Create: '新增',
  'List contains {numOfItems} item': '共 {numOfItems} 项',
  'List contains {numOfItems} items': '共 {numOfItems} 项',
  'Open pop-up editor': '在弹出窗口中编辑',
  'Opened in editor': '已在编辑窗口中打开',
  'FEEL expression is mandatory': '必须填写 FEEL 表达式',
  'Unparsable FEEL expression.': 'FEEL 表达式无法解析。',
  'JSON contains errors': 'JSON 有错误',
};
