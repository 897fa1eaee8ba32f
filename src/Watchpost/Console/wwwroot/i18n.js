// Every text of the console, in English and Simplified Chinese, and the formatting of dates in the site's time zone.
// Data from the site or the events (ids, names, notes) is not translated: it is shown in [data-v] elements.

const TEXT = {
  // Shell
  'app.name': ['Watchpost', '值守台'],
  'nav.label': ['Main menu', '主菜单'],
  'nav.alerts': ['Alerts', '实时警报'],
  'nav.events': ['Event log', '事件记录'],
  'nav.cameras': ['Cameras', '摄像机'],
  'nav.editor': ['Editor', '区域编辑'],
  'shell.user': ['Signed in as', '当前用户'],
  'shell.logout': ['Log out', '退出登录'],
  'shell.language': ['Language', '语言'],
  'lang.en': ['English', 'English'],
  'lang.zh-CN': ['中文', '中文'],
  'role.viewer': ['viewer', '查看员'],
  'role.operator': ['operator', '值班员'],
  'role.admin': ['admin', '管理员'],
  'stream.open': ['Live', '实时连接'],
  'stream.closed': ['Offline — reconnecting', '连接中断，正在重连'],
  'stream.connecting': ['Connecting…', '正在连接…'],
  'stream.title': ['Connection to the live alert stream', '实时警报推送连接'],
  'sound.enable': ['Enable sound', '开启警报声'],
  'sound.enableHint': ['The browser keeps sound off until you click here', '浏览器需要点击一次才能播放警报声'],
  'banner.database.recovered': ['The event database was damaged and has been restarted empty. Old events were moved aside.', '事件数据库曾损坏，已重新建立。旧记录已另存。'],
  'banner.database.unavailable': ['The event database is unavailable: events are kept in memory only.', '事件数据库不可用：事件暂时只保存在内存中。'],
  'banner.database.other': ['The event database has a problem:', '事件数据库异常：'],
  'banner.diskFull': ['The storage disk is full: snapshots are dropped ({dropped}), {held} event(s) held in memory. Alerts still go out.', '存储空间已满：已丢弃抓拍图 {dropped} 张，{held} 条事件暂存内存中。警报仍会正常发出。'],
  'banner.details': ['Details:', '详情：'],
  'error.load': ['Could not load the data.', '无法加载数据。'],
  'error.network': ['The appliance cannot be reached. Check the network.', '无法连接设备，请检查网络。'],
  'error.forbidden': ['Your role does not allow this.', '您的权限不足，无法执行此操作。'],
  'error.notFound': ['Not found.', '未找到。'],
  'error.server': ['The appliance refused:', '设备拒绝了请求：'],
  'error.http': ['Request failed (HTTP {status}).', '请求失败（状态码 {status}）。'],
  'common.loading': ['Loading…', '正在加载…'],
  'common.none': ['—', '—'],
  'common.save': ['Save', '保存'],
  'common.cancel': ['Cancel', '取消'],
  'common.yes': ['yes', '是'],
  'common.no': ['no', '否'],
  'common.back': ['Back', '返回'],
  'common.close': ['Close', '关闭'],

  // Alerts page
  'alerts.title': ['Live alerts', '实时警报'],
  'alerts.listLabel': ['Open alerts, newest first', '未处理的警报，最新的在前'],
  'alerts.empty': ['All quiet', '一切正常'],
  'alerts.emptyHint': ['No open alerts. New alerts appear here and sound at once.', '当前没有未处理的警报。新警报会立即显示在这里并发出提示音。'],
  'alerts.count': ['{open} open, {unacked} not acknowledged', '未结案 {open} 条，未确认 {unacked} 条'],
  'alerts.capped': ['Showing {shown} of {total}; the rest are in the event log.', '仅显示 {shown} 条，共 {total} 条；其余请在事件记录中查看。'],
  'alerts.noSnapshot': ['No snapshot', '无抓拍图'],
  'alerts.snapshotAlt': ['Snapshot of the alert', '警报抓拍图'],
  'alerts.details': ['Details', '详情'],
  'alerts.assignedTo': ['Assigned to', '指派给'],
  'alerts.notAssigned': ['not assigned', '未指派'],
  'alerts.ended': ['ended', '已结束'],
  'alerts.ongoing': ['ongoing', '进行中'],

  // Actions
  'action.ack': ['Acknowledge', '确认'],
  'action.note': ['Note', '备注'],
  'action.notePlaceholder': ['Write a note…', '填写备注…'],
  'action.noteLabel': ['Note text', '备注内容'],
  'action.noteSave': ['Add note', '添加备注'],
  'action.assign': ['Assign', '指派'],
  'action.assignLabel': ['Assign to a guard', '指派给保安'],
  'action.assignChoose': ['Assign to…', '指派给…'],
  'action.resolve': ['Resolve', '结案'],
  'action.mute': ['Mute', '静音'],
  'action.unmute': ['Unmute', '取消静音'],
  'action.muteLabel': ['Silence the alarm of this alert', '关闭此警报的提示音'],
  'action.done': ['Saved', '已保存'],
  'action.noteEmpty': ['Write a note first.', '请先填写备注。'],

  // Event fields
  'field.time': ['Time', '时间'],
  'field.camera': ['Camera', '摄像机'],
  'field.rule': ['Rule', '规则'],
  'field.type': ['Type', '类型'],
  'field.zone': ['Zone', '区域'],
  'field.severity': ['Severity', '级别'],
  'field.state': ['State', '状态'],
  'field.object': ['Object', '目标'],
  'field.score': ['Confidence', '置信度'],
  'field.started': ['Started', '开始时间'],
  'field.ended': ['Ended', '结束时间'],
  'field.acknowledged': ['Acknowledged', '确认'],
  'field.assigned': ['Assigned', '指派'],
  'field.resolved': ['Resolved', '结案'],
  'field.by': ['by', '处理人'],
  'field.event': ['Event', '事件'],
  'field.track': ['Track', '轨迹编号'],
  'field.details': ['Measurements', '检测数据'],
  'field.assignedTo': ['Assigned to', '指派给'],

  // Severities, states
  'severity.low': ['low', '低'],
  'severity.medium': ['medium', '中'],
  'severity.high': ['high', '高'],
  'severity.critical': ['critical', '紧急'],
  'state.new': ['new', '未确认'],
  'state.acknowledged': ['acknowledged', '已确认'],
  'state.resolved': ['resolved', '已结案'],

  // Rule and event types
  'type.intrusion': ['intrusion', '区域入侵'],
  'type.line_crossing': ['line crossing', '越线'],
  'type.loitering': ['loitering', '徘徊逗留'],
  'type.gathering': ['gathering', '人员聚集'],
  'type.running': ['running', '快速奔跑'],
  'type.fall': ['fall', '人员跌倒'],
  'type.left_object': ['left object', '物品遗留'],
  'type.object_removed': ['object removed', '物品移走'],
  'type.fight': ['fight', '打架斗殴'],
  'type.zone_enter': ['zone entered', '进入区域'],
  'type.zone_exit': ['zone left', '离开区域'],
  'type.gpio_input': ['alarm input', '报警输入'],
  'type.door_open': ['door opened', '门被打开'],
  'type.tamper': ['tamper', '防拆报警'],
  'type.panic': ['panic button', '紧急按钮'],

  // Object classes (COCO names the rules use)
  'class.person': ['person', '人员'],
  'class.bicycle': ['bicycle', '自行车'],
  'class.car': ['car', '汽车'],
  'class.motorcycle': ['motorcycle', '摩托车'],
  'class.bus': ['bus', '公交车'],
  'class.truck': ['truck', '货车'],
  'class.backpack': ['backpack', '背包'],
  'class.handbag': ['handbag', '手提包'],
  'class.suitcase': ['suitcase', '行李箱'],
  'class.dog': ['dog', '狗'],
  'class.cat': ['cat', '猫'],
  'class.gpio': ['alarm input', '报警输入'],
  'class.group': ['group', '群体'],

  // Camera states, arming
  'camera.starting': ['starting', '启动中'],
  'camera.streaming': ['online', '在线'],
  'camera.reconnecting': ['reconnecting', '重连中'],
  'camera.failed': ['failed', '故障'],
  'camera.stopped': ['stopped', '已停止'],
  'arming.armed': ['armed', '已布防'],
  'arming.disabled': ['disabled', '已停用'],
  'arming.disarmedByOperator': ['disarmed', '已撤防'],
  'arming.outsideSchedule': ['outside schedule', '非布防时段'],
  'arming.arm': ['Arm', '布防'],
  'arming.disarm': ['Disarm', '撤防'],
  'arming.armCamera': ['Arm camera', '整机布防'],
  'arming.disarmCamera': ['Disarm camera', '整机撤防'],
  'arming.failed': ['Arming was refused:', '布防/撤防失败：'],

  // Event log
  'events.title': ['Event log', '事件记录'],
  'events.filters': ['Search', '查询条件'],
  'events.since': ['From', '开始时间'],
  'events.until': ['To', '结束时间'],
  'events.any': ['any', '全部'],
  'events.search': ['Search', '查询'],
  'events.reset': ['Clear', '清除条件'],
  'events.export': ['Export CSV', '导出表格'],
  'events.empty': ['No events match this search.', '没有符合条件的事件。'],
  'events.total': ['{total} events', '共 {total} 条事件'],
  'events.page': ['Page {page} of {pages}', '第 {page} 页，共 {pages} 页'],
  'events.prev': ['Previous', '上一页'],
  'events.next': ['Next', '下一页'],
  'events.open': ['Open', '查看'],
  'events.snapshot': ['Snapshot', '抓拍'],
  'events.timeZone': ['Times in the site time zone', '时间按站点时区显示'],
  'events.tableLabel': ['Events matching the search', '查询结果'],
  'events.ruleLabel': ['Rule id', '规则编号'],

  // Event detail
  'event.title': ['Event', '事件详情'],
  'event.lifecycle': ['Lifecycle', '处理过程'],
  'event.notes': ['Notes', '备注'],
  'event.noNotes': ['No notes yet.', '暂无备注。'],
  'event.audit': ['Audit trail', '操作记录'],
  'event.noAudit': ['Nothing recorded yet.', '暂无操作记录。'],
  'event.actions': ['Actions', '处理'],
  'event.notFound': ['There is no such event.', '找不到该事件。'],
  'event.path': ['Track path and box', '运动轨迹与目标框'],
  'event.backToLog': ['Event log', '返回事件记录'],
  'audit.at': ['Time', '时间'],
  'audit.operator': ['Operator', '操作人'],
  'audit.source': ['Source', '来源'],
  'audit.action': ['Action', '操作'],
  'audit.detail': ['Detail', '内容'],
  'source.console': ['console', '控制台'],
  'source.mqtt': ['MQTT', '联动系统'],
  'source.cli': ['command line', '命令行'],
  'source.rule': ['rule', '规则'],
  'source.system': ['system', '系统'],
  'audit.ack': ['acknowledged', '确认'],
  'audit.note': ['note', '备注'],
  'audit.assign': ['assigned', '指派'],
  'audit.resolve': ['resolved', '结案'],
  'audit.arm': ['armed', '布防'],
  'audit.disarm': ['disarmed', '撤防'],
  'audit.relay': ['relay', '继电器'],
  'audit.reload': ['site reloaded', '重新加载配置'],
  'audit.retention': ['retention', '过期清理'],
  'kind.started': ['started', '开始'],
  'kind.updated': ['updated', '更新'],
  'kind.ended': ['ended', '结束'],
  'kind.acknowledged': ['acknowledged', '确认'],
  'kind.noted': ['note added', '添加备注'],
  'kind.assigned': ['assigned', '指派'],
  'kind.resolved': ['resolved', '结案'],

  // Cameras
  'cameras.title': ['Cameras', '摄像机'],
  'cameras.empty': ['No cameras are configured.', '尚未配置摄像机。'],
  'cameras.fps': ['fps', '帧/秒'],
  'cameras.reconnects': ['reconnects', '重连次数'],
  'cameras.tracks': ['tracks', '跟踪目标'],
  'cameras.lastError': ['Last error:', '最近错误：'],
  'cameras.rules': ['Rules', '规则'],
  'cameras.noRules': ['No rules on this camera.', '此摄像机未配置规则。'],
  'cameras.liveAlt': ['Live view of the camera', '摄像机实时画面'],
  'cameras.edit': ['Edit zones', '编辑区域'],

  // Editor
  'editor.title': ['Zone, line and mask editor', '区域、警戒线与遮挡编辑'],
  'editor.camera': ['Camera', '摄像机'],
  'editor.chooseCamera': ['Choose a camera…', '请选择摄像机…'],
  'editor.notEditable': ['This site cannot be edited here:', '此处无法编辑站点配置：'],
  'editor.shapes': ['Shapes', '图形'],
  'editor.zones': ['Zones', '区域'],
  'editor.lines': ['Lines', '警戒线'],
  'editor.masks': ['Privacy masks', '隐私遮挡'],
  'editor.addZone': ['New zone', '新建区域'],
  'editor.addLine': ['New line', '新建警戒线'],
  'editor.addMask': ['New mask', '新建遮挡'],
  'editor.newId': ['Id of the new shape', '新图形编号'],
  'editor.badId': ['An id is 1 to 64 letters, digits, "-" or "_", and must not be used already.', '编号须为 1–64 个字母、数字、“-”或“_”，且不能与已有编号重复。'],
  'editor.close': ['Close shape', '闭合图形'],
  'editor.addPoints': ['Add points', '添加顶点'],
  'editor.deletePoint': ['Delete point', '删除顶点'],
  'editor.deleteShape': ['Delete shape', '删除图形'],
  'editor.swap': ['Swap direction', '反转方向'],
  'editor.help': ['Click on the picture to add points; drag a point to move it; double-click or "Close shape" to finish a polygon. A line has two points: the yellow arrowhead shows its direction, the orange arrow across it the crossing from side A to side B.', '在画面上单击添加顶点，拖动顶点可移动位置；双击或点击“闭合图形”完成多边形。警戒线由两个点组成：黄色箭头为画线方向，橙色箭头为正向穿越方向。'],
  'editor.drawing': ['Drawing: click to add points.', '绘制中：单击画面添加顶点。'],
  'editor.selected': ['Selected:', '已选中：'],
  'editor.nothingSelected': ['Select a shape in the list or on the picture.', '请在列表或画面中选择一个图形。'],
  'editor.rules': ['Rule parameters', '规则参数'],
  'editor.noRules': ['No rules on this camera.', '此摄像机未配置规则。'],
  'editor.save': ['Save to the site file', '保存到站点配置'],
  'editor.saving': ['Saving…', '正在保存…'],
  'editor.saved': ['Saved and applied:', '已保存并生效：'],
  'editor.refused': ['Not saved:', '未保存：'],
  'editor.unsaved': ['Unsaved changes', '有未保存的修改'],
  'editor.badNumber': ['"{name}" must be a number.', '“{name}”必须是数字。'],
  'editor.badJson': ['"{name}" is not valid JSON.', '“{name}”的格式不正确。'],
  'editor.snapshotAlt': ['Camera snapshot', '摄像机画面'],
  'editor.noSnapshot': ['No picture from this camera right now; shapes can still be edited.', '暂时无法获取此摄像机画面，仍可编辑图形。'],
  'editor.canvasLabel': ['Drawing area', '绘图区'],
  'editor.pointCount': ['{n} points', '{n} 个顶点'],
  'editor.tooFew': ['A polygon needs at least 3 points.', '多边形至少需要 3 个顶点。'],
  'editor.adminOnly': ['Only an admin can edit zones and rules.', '只有管理员可以编辑区域和规则。'],
  'editor.reload': ['Discard changes', '放弃修改'],

  // Rule parameters (the site file's keys)
  'param.zone': ['zone', '区域'],
  'param.line': ['line', '警戒线'],
  'param.severity': ['severity', '级别'],
  'param.enabled': ['enabled', '启用'],
  'param.durationSeconds': ['duration (s)', '持续时间（秒）'],
  'param.dwellSeconds': ['dwell time (s)', '逗留时间（秒）'],
  'param.cooldownSeconds': ['cooldown (s)', '冷却时间（秒）'],
  'param.presentSeconds': ['present before (s)', '物品已存在时间（秒）'],
  'param.count': ['people count', '人数'],
  'param.sensitivity': ['sensitivity (0–1)', '灵敏度（0–1）'],
  'param.speedPxPerSecond': ['speed (px/s)', '速度（像素/秒）'],
  'param.speedMetersPerSecond': ['speed (m/s)', '速度（米/秒）'],
  'param.minSize': ['min. height (px)', '最小高度（像素）'],
  'param.maxSize': ['max. height (px)', '最大高度（像素）'],
  'param.direction': ['direction', '方向'],
  'param.classes': ['object classes', '目标类别'],
  'param.camera': ['camera', '摄像机'],
  'param.schedule': ['schedule', '布防时间表'],
  'param.calibration': ['calibration', '标定'],
  'param.other': ['other parameter', '其他参数'],
  'direction.a_to_b': ['A to B (orange arrow)', '正向（橙色箭头方向）'],
  'direction.b_to_a': ['B to A', '反向'],
  'direction.both': ['both ways', '双向'],
};

const LANGS = ['en', 'zh-CN'];
let lang = 'en';
let timeZone = 'UTC';

export function setLanguage(language, zone) {
  lang = LANGS.includes(language) ? language : 'en';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    timeZone = zone || 'UTC';
  } catch {
    timeZone = 'UTC';
  }
  formatters.clear();
}

export const language = () => lang;
export const siteTimeZone = () => timeZone;
export const languages = LANGS;

/** The text of key in the current language, with {name} replaced from params. An unknown key shows itself (a bug to see). */
export function t(key, params) {
  const entry = TEXT[key];
  let text = entry ? entry[lang === 'zh-CN' ? 1 : 0] : key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }
  return text;
}

export const has = (key) => key in TEXT;

/**
 * A word from a closed list (severity, state, rule type...) as a node: translated when known, else the raw word
 * marked as data (a rule type added later shows its own name rather than nothing).
 */
export function term(prefix, value) {
  const span = document.createElement('span');
  if (value === null || value === undefined || value === '') {
    span.textContent = t('common.none');
  } else if (has(prefix + '.' + value)) {
    span.textContent = t(prefix + '.' + value);
  } else {
    span.setAttribute('data-v', '');
    span.textContent = String(value);
  }
  return span;
}

/** The same as term, as a string for places that take only text (option labels, titles). */
export function termText(prefix, value) {
  return has(prefix + '.' + value) ? t(prefix + '.' + value) : String(value ?? '');
}

const formatters = new Map();

function formatter(kind) {
  let f = formatters.get(kind);
  if (!f) {
    const options = kind === 'time'
      ? { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
      : { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(lang, options);
    formatters.set(kind, f);
  }
  return f;
}

/** A UTC ISO time as the site's wall-clock date and time; the time only when it is today there. */
export function formatTime(iso, full) {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  if (!full) {
    const day = (x) => formatter('date').formatToParts(x).filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day').map((p) => p.value).join('-');
    if (day(d) === day(new Date())) return formatter('time').format(d);
  }
  return formatter('date').format(d);
}

export function formatNumber(n, digits) {
  if (n === null || n === undefined || Number.isNaN(n)) return t('common.none');
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits ?? 1 }).format(n);
}
