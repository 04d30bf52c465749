import { type Citation, nmg } from './citation';
import type { Bilingual } from './bilingual';

/**
 * The duty catalog (Arts. 12–16). Art. 10: 不得超越权限从事警务辅助工作 —
 * a duty not in this catalog is never assigned.
 */

/** 文职辅警 (Art. 11 ¶1) or 勤务辅警 (Art. 11 ¶2). */
export type AuxiliaryCategory = 'CIVILIAN' | 'DUTY';

export type DutyCategory =
  /** Art. 12 (1) 行政管理工作 */
  | 'ADMIN_SUPPORT'
  /** Art. 12 (2) 技术支持工作 */
  | 'TECH_SUPPORT'
  /** Art. 12 (3) 警务保障工作 */
  | 'LOGISTICS_SUPPORT'
  /** Art. 12 (4) 其他警务辅助工作 (文职) */
  | 'CIVILIAN_OTHER'
  /** Art. 13 ¶1 协助执法工作 */
  | 'ENFORCEMENT_ASSIST'
  /** Art. 14 勤务类警务辅助工作 */
  | 'SERVICE_SUPPORT'
  /** Art. 15 辅警不得从事 */
  | 'FORBIDDEN'
  /** Art. 16 ¶1 警用交通工具、警用智能设备 */
  | 'EQUIPMENT'
  /** Art. 16 ¶2 武器 */
  | 'WEAPON';

export interface DutyDefinition {
  readonly code: string;
  readonly category: DutyCategory;
  /** Which auxiliaries may take it: one category, both (ANY), or none (NONE). */
  readonly auxiliaryCategory: AuxiliaryCategory | 'ANY' | 'NONE';
  readonly citation: Citation;
  readonly title: Bilingual;
  /** 按照国家规定可以…的其他工作: assignable only with the national rule that allows it recorded. */
  readonly needsNationalBasis: boolean;
  /** For EQUIPMENT: the qualification that must be on record (Art. 16 ¶1 按照规定). */
  readonly qualification?: EquipmentQualification;
}

export type EquipmentQualification = 'POLICE_VEHICLE_DRIVING' | 'POLICE_ROBOT_OPERATION' | 'POLICE_DRONE_OPERATION';

function duty(
  code: string,
  category: DutyCategory,
  auxiliaryCategory: DutyDefinition['auxiliaryCategory'],
  citation: Citation,
  zh: string,
  en: string,
  extra: Partial<Pick<DutyDefinition, 'needsNationalBasis' | 'qualification'>> = {},
): DutyDefinition {
  return { code, category, auxiliaryCategory, citation, title: { zh, en }, needsNationalBasis: false, ...extra };
}

export const DUTIES = [
  // 第十二条 文职辅警可以协助人民警察从事下列警务辅助工作：
  duty('CIV_ADMIN', 'ADMIN_SUPPORT', 'CIVILIAN', nmg(12, 1, 1),
    '窗口服务、证件办理、文书助理、档案管理、接线查询、信息采集与录入等行政管理工作',
    'Administrative work: counter service, documents, clerical help, archives, call enquiries, data capture'),
  duty('CIV_TECH', 'TECH_SUPPORT', 'CIVILIAN', nmg(12, 1, 2),
    '计算机网络维护、通讯保障、数据分析、软件研发、资金分析、非涉密财务管理、实验室分析、现场勘查、检验鉴定、安全监测、心理咨询、医疗、翻译等技术支持工作',
    'Technical support: networks, communications, data and funds analysis, non-classified finance, laboratory, scene survey, forensic testing, safety monitoring, counselling, medical, translation'),
  duty('CIV_EQUIPMENT_UPKEEP', 'LOGISTICS_SUPPORT', 'CIVILIAN', nmg(12, 1, 3),
    '除武器和警械外的警用装备的保管和维护保养等警务保障工作',
    'Custody and maintenance of police equipment other than weapons and police gear'),
  duty('CIV_OTHER', 'CIVILIAN_OTHER', 'CIVILIAN', nmg(12, 1, 4),
    '按照国家规定可以由文职辅警协助开展的其他警务辅助工作',
    'Other auxiliary work national rules allow civilian auxiliaries to assist with', { needsNationalBasis: true }),

  // 第十三条第一款 勤务辅警可以协助人民警察从事下列执法工作：
  duty('ENF_SUSPECT_CONTROL', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 1),
    '盘查、监控、堵控、看管违法犯罪嫌疑人', 'Questioning, watching, intercepting and guarding suspects'),
  duty('ENF_SECURITY_CHECK', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 2),
    '治安检查，对人员聚集场所进行安全检查', 'Public-order inspections and safety checks of crowded places'),
  duty('ENF_TRAFFIC', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 3),
    '执行交通管制和交通安全检查，疏导交通，劝阻和纠正交通安全违法行为，采集交通违法信息',
    'Traffic control and checks, directing traffic, stopping and correcting traffic violations, recording them'),
  duty('ENF_CRIME_PREVENTION', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 4),
    '预防、制止违法犯罪活动', 'Preventing and stopping offences'),
  duty('ENF_DRUG_CONTROL', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 5),
    '戒毒人员日常管理、检查易制毒化学品企业、公开查缉毒品',
    'Daily management of people in drug rehabilitation, inspecting precursor-chemical firms, open drug searches'),
  duty('ENF_CUSTODY_SITES', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 6),
    '办案场所和监管场所的管理勤务', 'Duty in case-handling and detention facilities'),
  duty('ENF_SPECIAL_TRADES_BORDER', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 7),
    '特种行业、出入境、边防检查等相关管理和服务', 'Special trades, exit-entry and border-check management and services'),
  duty('ENF_ADMIN_CASE_INTAKE', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 8),
    '行政案件接报案、受案登记、接受证据、案件信息采集、调解、送达文书等工作',
    'Administrative cases: taking reports, registering, receiving evidence, recording case data, mediation, serving documents'),
  duty('ENF_COMMUNITY', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 9), '社区治理工作', 'Community governance'),
  duty('ENF_EMERGENCY', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 10), '突发事件处置', 'Emergency response'),
  duty('ENF_OTHER', 'ENFORCEMENT_ASSIST', 'DUTY', nmg(13, 1, 11),
    '按照国家规定可以由勤务辅警协助开展的其他执法工作',
    'Other enforcement work national rules allow duty auxiliaries to assist with', { needsNationalBasis: true }),

  // 第十四条 勤务辅警可以协助人民警察从事下列警务辅助工作：
  duty('SVC_PUBLICITY', 'SERVICE_SUPPORT', 'DUTY', nmg(14, 1, 1),
    '交通安全、社会治安防范、禁毒等宣传教育', 'Public education on traffic safety, crime prevention, drugs'),
  duty('SVC_PATROL', 'SERVICE_SUPPORT', 'DUTY', nmg(14, 1, 2), '值班值守，治安巡逻，安全巡查', 'Standing watch, patrols, safety rounds'),
  duty('SVC_SCENE_RESCUE', 'SERVICE_SUPPORT', 'DUTY', nmg(14, 1, 3),
    '维持案（事）件现场秩序，保护案（事）件现场、抢救救助受伤受困人员',
    'Keeping order at and protecting incident scenes, rescuing the injured and trapped'),
  duty('SVC_110', 'SERVICE_SUPPORT', 'DUTY', nmg(14, 1, 4), '开展110接处警相关工作', '110 emergency call handling'),
  duty('SVC_OTHER', 'SERVICE_SUPPORT', 'DUTY', nmg(14, 1, 5),
    '按照国家规定可以由勤务辅警协助开展的其他警务辅助工作',
    'Other auxiliary work national rules allow duty auxiliaries to assist with', { needsNationalBasis: true }),

  // 第十五条 辅警不得从事下列工作：
  duty('FORBIDDEN_STATE_SECURITY', 'FORBIDDEN', 'NONE', nmg(15, 1, 1),
    '国内安全保卫、技术侦察、反邪教、反恐怖等工作', 'Domestic security, technical investigation, anti-cult and anti-terror work'),
  duty('FORBIDDEN_STATE_SECRETS', 'FORBIDDEN', 'NONE', nmg(15, 1, 2), '办理涉及国家秘密的事项', 'Matters involving state secrets'),
  duty('FORBIDDEN_INVESTIGATION', 'FORBIDDEN', 'NONE', nmg(15, 1, 3),
    '案件调查取证、出具鉴定报告、交通事故责任认定',
    'Case investigation and evidence collection, issuing expert reports, traffic-accident liability findings'),
  duty('FORBIDDEN_CRIMINAL_COERCION', 'FORBIDDEN', 'NONE', nmg(15, 1, 4), '执行刑事强制措施', 'Executing criminal coercive measures'),
  duty('FORBIDDEN_ADMIN_DECISION', 'FORBIDDEN', 'NONE', nmg(15, 1, 5), '作出行政处理决定', 'Making administrative decisions'),
  duty('FORBIDDEN_CASE_REVIEW', 'FORBIDDEN', 'NONE', nmg(15, 1, 6), '审核案件', 'Reviewing cases'),
  duty('FORBIDDEN_WEAPON_CUSTODY', 'FORBIDDEN', 'NONE', nmg(15, 1, 7), '保管武器、警械', 'Custody of weapons and police gear'),
  duty('FORBIDDEN_OTHER', 'FORBIDDEN', 'NONE', nmg(15, 1, 8), '国家规定不得从事的其他工作', 'Other work national rules forbid'),

  // 第十六条第一款 辅警履行职责期间可以按照规定驾驶警用车辆等警用交通工具，可以依法操控警用机器人、无人机等警用智能设备。
  duty('EQUIP_VEHICLE', 'EQUIPMENT', 'ANY', nmg(16, 1), '驾驶警用车辆等警用交通工具', 'Driving police vehicles and other police transport',
    { qualification: 'POLICE_VEHICLE_DRIVING' }),
  duty('EQUIP_ROBOT', 'EQUIPMENT', 'ANY', nmg(16, 1), '操控警用机器人', 'Operating police robots', { qualification: 'POLICE_ROBOT_OPERATION' }),
  duty('EQUIP_DRONE', 'EQUIPMENT', 'ANY', nmg(16, 1), '操控警用无人机', 'Operating police drones', { qualification: 'POLICE_DRONE_OPERATION' }),

  // 第十六条第二款 辅警不得配备或者使用武器。
  duty('WEAPON', 'WEAPON', 'NONE', nmg(16, 2), '配备或者使用武器', 'Carrying or using weapons'),
] as const satisfies readonly DutyDefinition[];

export type DutyCode = (typeof DUTIES)[number]['code'];

const BY_CODE: ReadonlyMap<string, DutyDefinition> = new Map(DUTIES.map((d) => [d.code, d]));

export function findDuty(code: string): DutyDefinition | undefined {
  return BY_CODE.get(code);
}

export function isDutyCode(code: string): code is DutyCode {
  return BY_CODE.has(code);
}

export function dutiesOfCategory(category: DutyCategory): readonly DutyDefinition[] {
  return DUTIES.filter((d) => d.category === category);
}

/** The duties an auxiliary of this category may be assigned (its list plus equipment). */
export function dutiesAssignableTo(category: AuxiliaryCategory): readonly DutyDefinition[] {
  return DUTIES.filter((d) => d.auxiliaryCategory === category || d.auxiliaryCategory === 'ANY');
}
