import { cite, nmg } from './citation';
import type { ParameterTable } from './parameters';

/**
 * Defaults for the 2024 rule set. None of these numbers is in the regulation:
 * each is a placeholder until the region's or locality's measure is configured
 * (withParameterValues), and every answer that uses one says it is a default.
 */
const FROM = '2024-09-01';

export const PARAMETERS_2024: ParameterTable = {
  levels: {
    description: { zh: '辅警层级（由低到高）', en: 'Auxiliary levels, lowest first' },
    delegatedBy: [nmg(34, 1), nmg(36, 1)],
    values: [
      {
        from: FROM,
        value: [
          { code: 'L1', zh: '一级' },
          { code: 'L2', zh: '二级' },
          { code: 'L3', zh: '三级' },
          { code: 'L4', zh: '四级' },
          { code: 'L5', zh: '五级' },
          { code: 'L6', zh: '六级' },
        ],
        source: 'default: six levels as a placeholder; the regulation leaves levels to the 层级管理办法 (Art. 34 ¶1, Art. 36 ¶1)',
        isDefault: true,
      },
    ],
  },
  'pay.standards': {
    description: { zh: '各层级辅警薪酬标准（按地区）', en: 'Pay standard per locality and level' },
    delegatedBy: [nmg(27, 1), nmg(27, 2)],
    values: [
      {
        from: FROM,
        value: [],
        source: 'default: none configured; standards are set by 盟市 and 旗县 governments under the 薪酬待遇制度 (Art. 27 ¶2)',
        isDefault: true,
      },
    ],
  },
  'assessment.grades': {
    description: { zh: '考核等次（由高到低）', en: 'Assessment grades, best first' },
    delegatedBy: [nmg(36, 2)],
    values: [
      {
        from: FROM,
        value: ['优秀', '称职', '基本称职', '不称职'],
        source: 'default: the four grades named in the rule catalog (ASSESS); the regulation names none',
        isDefault: true,
      },
    ],
  },
  'promotion.minMonthsInLevel': {
    description: { zh: '晋升前在本层级的最短任职时间（月）', en: 'Minimum whole months in a level before promotion' },
    delegatedBy: [nmg(36, 1)],
    values: [{ from: FROM, value: 24, source: 'default: 24 months, placeholder until the 层级管理办法 is configured', isDefault: true }],
  },
  'promotion.qualifyingGrades': {
    description: { zh: '晋升所需的最近一次考核等次', en: 'Grades of the latest assessment that allow promotion' },
    delegatedBy: [nmg(36, 2)],
    values: [{ from: FROM, value: ['优秀', '称职'], source: 'default: 称职 or better, placeholder', isDefault: true }],
  },
  'discipline.sanctions': {
    description: { zh: '处分种类及影响晋升的期间（月）', en: 'Sanctions and the months each blocks promotion' },
    delegatedBy: [nmg(34, 1)],
    values: [
      {
        from: FROM,
        value: [
          { code: 'WARNING', zh: '警告', en: 'warning', blocksPromotionMonths: 6 },
          { code: 'DEMERIT', zh: '记过', en: 'demerit', blocksPromotionMonths: 12 },
          { code: 'DEMOTION', zh: '降级', en: 'demotion', blocksPromotionMonths: 24 },
          { code: 'DISMISSAL', zh: '解除劳动合同', en: 'dismissal', blocksPromotionMonths: 0 },
        ],
        source:
          'default: periods by analogy with the 处分期间 of 《事业单位工作人员处分规定》 (警告6个月、记过12个月、降低岗位等级24个月); the 辅警管理相关规定 of Art. 42 ¶1 are not configured',
        isDefault: true,
      },
    ],
  },
  'duty.minOfficers': {
    description: { zh: '带领辅警开展执法工作的人民警察最少人数', en: 'Minimum police officers leading an Art. 13 ¶1 duty' },
    delegatedBy: [nmg(13, 3)],
    values: [
      {
        from: FROM,
        value: { default: 1, byDuty: {} },
        source: 'default: 1 officer (rule catalog DUTY-LED); laws that require two officers for an act (e.g. 询问、检查) must be configured per duty',
        isDefault: true,
      },
    ],
  },
  'insurance.enrolmentDeadlineDays': {
    description: { zh: '聘用后办理社会保险登记的期限（日）', en: 'Days after hiring to enrol social insurance' },
    delegatedBy: [nmg(28, 1), cite('PRC-SOCIAL-INSURANCE', '2018', 58, 1)],
    values: [{ from: FROM, value: 30, source: '《中华人民共和国社会保险法》第五十八条第一款: 自用工之日起三十日内', isDefault: true }],
  },
  'housingFund.enrolmentDeadlineDays': {
    description: { zh: '聘用后办理住房公积金缴存登记的期限（日）', en: 'Days after hiring to register the housing fund' },
    delegatedBy: [nmg(28, 1), cite('PRC-HOUSING-FUND', '2019', 15)],
    values: [{ from: FROM, value: 30, source: '《住房公积金管理条例》第十五条: 自录用之日起30日内', isDefault: true }],
  },
  'insurance.highRiskDuties': {
    description: { zh: '高危险岗位（需办理人身意外伤害保险）', en: 'High-risk duties needing personal accident insurance' },
    delegatedBy: [nmg(28, 2)],
    values: [
      {
        from: FROM,
        value: ['ENF_SUSPECT_CONTROL', 'ENF_CRIME_PREVENTION', 'ENF_DRUG_CONTROL', 'ENF_CUSTODY_SITES', 'ENF_TRAFFIC', 'ENF_EMERGENCY', 'SVC_PATROL', 'SVC_SCENE_RESCUE'],
        source: 'default: duties with physical confrontation, traffic or emergencies, placeholder until the using organ lists its 高危险岗位',
        isDefault: true,
      },
    ],
  },
  'healthCheck.intervalMonths': {
    description: { zh: '健康体检间隔（月）', en: 'Months between health checks' },
    delegatedBy: [nmg(28, 3)],
    values: [{ from: FROM, value: 12, source: 'default: yearly; Art. 28 ¶3 says only 定期', isDefault: true }],
  },
  'complaint.handlingDays': {
    description: { zh: '举报、投诉查处并告知结果的期限（日）', en: 'Days to handle a complaint and tell the complainant' },
    delegatedBy: [nmg(38, 2)],
    values: [
      {
        from: FROM,
        value: 60,
        source: 'default: 60 days by analogy with the time limit for handling petitions in 《信访工作条例》; Art. 38 ¶2 says only 及时',
        isDefault: true,
      },
    ],
  },
  'personalData.retentionYearsAfterDeparture': {
    description: { zh: '离职后个人信息的保存期限（年）', en: 'Years personal data is kept after departure' },
    delegatedBy: [cite('PRC-PIPL', '2021', 19), cite('PRC-LABOUR-CONTRACT', '2012', 50, 3)],
    values: [
      {
        from: FROM,
        value: 2,
        source:
          'default: 2 years, the least 《中华人民共和国劳动合同法》第五十条第三款 allows (已经解除或者终止的劳动合同的文本，至少保存二年备查); 《个人信息保护法》第十九条 asks for the shortest time necessary; the region or the using organ sets its own 档案保存期限 in its local measures',
        isDefault: true,
      },
    ],
  },
  'record.effectiveDateHorizonDays': {
    description: { zh: '指令生效日期最多可晚于记录日期的天数', en: 'Days after its recording by which a command must take effect' },
    // No clause of the regulation sets or delegates it: the record's own bound.
    delegatedBy: [],
    values: [
      {
        from: FROM,
        value: 366,
        source: 'default: 366 days, AuxLedger\'s bound on how far ahead a record may be dated (a hire or posting announced up to a year ahead); a deployment sets its own in its local measures',
        isDefault: true,
      },
    ],
  },
};
