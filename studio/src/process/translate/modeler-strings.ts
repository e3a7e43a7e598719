/**
 * What bpmn-js, diagram-js and bpmn-js-bpmnlint pass through `translate` (their sources, version
 * 18 / 15 / 0.24), in Chinese. Strings of our own modules are written in Chinese directly.
 */
export const MODELER_STRINGS: Record<string, string> = {
  // Palette tools.
  'Activate hand tool': '抓手工具（拖动画布）',
  'Activate lasso tool': '套索工具（框选元素）',
  'Activate create/remove space tool': '空间工具（插入或移除空白）',
  'Activate global connect tool': '连线工具',
  'Create start event': '创建开始',
  'Create intermediate/boundary event': '创建中间/边界事件',
  'Create end event': '创建结束',
  'Create gateway': '创建网关',
  'Create task': '创建任务',
  'Create data object reference': '创建数据对象',
  'Create data store reference': '创建数据存储',
  'Create expanded sub-process': '创建展开的子流程',
  'Create pool/participant': '创建池/参与者',
  'Create group': '创建分组',

  // Context pad.
  'Append end event': '追加结束',
  'Append gateway': '追加网关',
  'Append task': '追加任务',
  'Append intermediate/boundary event': '追加中间/边界事件',
  'Append receive task': '追加接收任务',
  'Append message intermediate catch event': '追加消息中间捕获事件',
  'Append timer intermediate catch event': '追加定时中间捕获事件',
  'Append conditional intermediate catch event': '追加条件中间捕获事件',
  'Append signal intermediate catch event': '追加信号中间捕获事件',
  'Append compensation activity': '追加补偿活动',
  'Add text annotation': '添加文字注释',
  'Add lane above': '在上方添加泳道',
  'Add lane below': '在下方添加泳道',
  'Divide into two lanes': '分成两条泳道',
  'Divide into three lanes': '分成三条泳道',
  'Change element': '更改类型',
  'Connect to other element': '连接到其他元素',
  'Connect using association': '用关联连接',
  'Connect using data input association': '用数据输入关联连接',
  Delete: '删除',
  'Align elements': '对齐',
  'Align elements left': '左对齐',
  'Align elements center': '水平居中对齐',
  'Align elements right': '右对齐',
  'Align elements top': '顶端对齐',
  'Align elements middle': '垂直居中对齐',
  'Align elements bottom': '底端对齐',
  'Distribute elements horizontally': '水平等距分布',
  'Distribute elements vertically': '垂直等距分布',

  // Replace menu header toggles.
  'Parallel multi-instance': '多实例：并行（会签）',
  'Sequential multi-instance': '多实例：依次',
  Loop: '循环',
  Collection: '集合',
  'Participant multiplicity': '参与者多重性',
  'Toggle non-interrupting': '切换中断/非中断',

  // Elsewhere in the modeler.
  'Open {element}': '打开 {element}',
  'Search in diagram': '在流程图中搜索',
  'flow elements must be children of pools/participants': '流程元素必须位于池/参与者之内',
  'Data object must be placed within a pool/participant.': '数据对象必须放在池/参与者之内。',
  'HELLO {you}': '你好，{you}',

  // bpmn-js-bpmnlint.
  'Issues for child elements': '子元素的问题',
  '{errors} Errors, {warnings} Warnings': '{errors} 个错误，{warnings} 个警告',
  'No Issues': '没有问题',
  'Toggle linting overlays': '显示/隐藏检查标记',
};
