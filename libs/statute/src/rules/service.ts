import { type Citation, nmg } from '../citation';
import type { IsoDate } from '../dates';
import { defineCheck } from '../rule';

/**
 * The service itself: when a command about an auxiliary's service may be
 * dated. Not a catalog row: the catalog's rules assume a service in progress;
 * these are our readings of the clauses that bound it (each rule states its
 * reading, and docs/statute-coverage.md lists them).
 */

export interface ServicePeriodFacts {
  /** The service as it stood on the command's date: hired on, and departed on (null: not departed by then). */
  readonly service: {
    readonly hiredOn: IsoDate;
    readonly departedOn: IsoDate | null;
    /** For a service found on record (EXISTING-SERVICE): the day its record began; before it nothing is recorded but what was found. */
    readonly recordedFrom?: IsoDate | null;
  };
  /** The clause that lets this command be recorded after the departure too; null: only during the service. */
  readonly afterDeparture: Citation | null;
}

// 第二十四条 公安机关应当与辅警签订劳动合同，依法确定双方的权利义务……
// 第四十条 有法律法规规定或者劳动合同约定的解除劳动关系情形的，公安机关或者辅警可以依法解除劳动合同。
// After the departure the regulation still asks for some acts: 第三十七条第三款 辅警离职时，公安机关应当收回配发的工作证件、服装和标识；
// 第四十二条第二款、第三款 赔偿与追偿；第九条 表彰奖励；第三十八条 举报、投诉；第三十二条 因工伤亡、烈士评定。
export const SERVICE_PERIOD = defineCheck({
  id: 'SERVICE-PERIOD',
  title: { zh: '聘用之前无任职记录，离职之后仅限法定事项', en: 'Nothing about a service before it began; after it ended only what the regulation still asks' },
  citations: [nmg(24), nmg(40), nmg(47)],
  reading: {
    zh: '辅警的任职始于聘用（签订劳动合同，第二十四条），止于解除劳动合同（第四十条）：任何有关任职的指令不得早于聘用日期；离职之后只记录条例仍要求的事项——收回证件服装标识（第三十七条第三款）、赔偿与追偿（第四十二条第二款、第三款）、表彰奖励（第九条，含追授）、举报投诉的受理与查处（第三十八条）、因工伤亡与烈士评定（第三十二条）。记录之前已在职、按现状登记的辅警（第四十七条），任何指令不得早于登记之日。',
    en: 'A service begins with the hire (the labour contract, Art. 24) and ends with its termination (Art. 40): no command about it is dated before the hire; after the departure only what the regulation still asks is recorded — recovering credentials (Art. 37 ¶3), compensation and its recovery (Art. 42 ¶2–3), commendation (Art. 9, also posthumous), complaints (Art. 38) and injury, death or martyr status (Art. 32). For a service that began before the record and was recorded as found (Art. 47), no command is dated before the day its record began.',
  },
  uses: ['COMMAND'],
  parameters: [],
  check: function withinTheService({ service, afterDeparture }: ServicePeriodFacts, { fail, on }) {
    if (on < service.hiredOn) {
      return [fail({ zh: `生效日期${on}早于聘用日期${service.hiredOn}：聘用之前没有任职`, en: `The effective date ${on} precedes the hire on ${service.hiredOn}: there is no service before it`, observed: on, expected: `on or after ${service.hiredOn}`, citation: nmg(24) })];
    }
    if (service.recordedFrom && on < service.recordedFrom) {
      return [fail({ zh: `生效日期${on}早于该在职辅警的登记之日${service.recordedFrom}（${service.hiredOn}聘用，按现状登记）：登记之前的事项只以登记时所记为准`, en: `The effective date ${on} precedes the day the record of this service began, ${service.recordedFrom} (hired ${service.hiredOn}, recorded as found): what came before is on record only as found`, observed: on, expected: `on or after ${service.recordedFrom}`, citation: nmg(47) })];
    }
    if (service.departedOn !== null && on >= service.departedOn && afterDeparture === null) {
      return [fail({ zh: `该辅警已于${service.departedOn}离职，离职之后不再记录此类事项`, en: `The auxiliary departed on ${service.departedOn}; this is not recorded after a departure`, observed: on, expected: `before ${service.departedOn}`, citation: nmg(40) })];
    }
    return [];
  },
});

export interface DecidingOrganFacts {
  readonly decision: {
    /** The organ the command names as deciding (作出决定的机关). */
    readonly decidingOrganId: string;
    /** The auxiliary's using organ on the command's date (谁使用). */
    readonly usingOrganId: string;
    /** The organs above the using organ, nearest first, as the organ registry records them; null: not known to the command. */
    readonly usingOrganAncestorIds: readonly string[] | null;
  };
}

// 第三十四条第一款 旗县级以上人民政府公安机关应当按照谁使用、谁管理、谁负责的原则，建立健全辅警分类分级管理、考核奖惩等管理和监督制度。
// 第三十四条第三款 上级公安机关应当加强对下级公安机关辅警工作的指导和监督。
export const DECIDING_ORGAN = defineCheck({
  id: 'DECIDING-ORGAN',
  title: { zh: '作出决定的机关为使用单位或其上级机关', en: 'The deciding organ is the using organ or one above it' },
  citations: [nmg(34, 1), nmg(34, 3)],
  reading: {
    zh: '谁使用、谁管理、谁负责（第三十四条第一款）：条例未写明由哪一机关作出的决定（如处分），作出决定的机关须为辅警的使用单位，或者在机关层级中位于其上的机关（上级公安机关的指导和监督，第三十四条第三款）；其他城市、其他旗县的机关不得作出。条例已写明机关的（回避由辅警所在公安机关决定，第三十九条；赔偿由使用辅警的公安机关支付，第四十二条第二款），依其规定。',
    en: 'Who uses, manages and answers (Art. 34 ¶1): where the regulation does not name the organ that decides (a sanction, for instance), the deciding organ is the auxiliary\'s using organ or an organ above it in the hierarchy (the higher organs guide and supervise, Art. 34 ¶3) — never an organ of another city or county. Where the regulation names the organ (recusal by the auxiliary\'s organ, Art. 39; damages paid by the using organ, Art. 42 ¶2), that rule applies.',
  },
  uses: ['COMMAND'],
  parameters: [],
  check: function decidedByUsingOrganOrAbove({ decision: d }: DecidingOrganFacts, { fail }) {
    // A decision that names no organ is refused by the rule of its content (DISCIPLINE: 写明作出决定的机关).
    if (d.decidingOrganId.trim() === '' || d.decidingOrganId === d.usingOrganId) return [];
    if (d.usingOrganAncestorIds === null) {
      return [fail({ kind: 'CANNOT_DETERMINE', zh: `须写明使用单位${d.usingOrganId}至作出决定的机关${d.decidingOrganId}的上级机关路径`, en: `Name the organs from the using organ ${d.usingOrganId} up to the deciding organ ${d.decidingOrganId}`, observed: null, expected: 'the organ path above the using organ' })];
    }
    return d.usingOrganAncestorIds.includes(d.decidingOrganId)
      ? []
      : [fail({ zh: `作出决定的机关${d.decidingOrganId}既不是使用单位${d.usingOrganId}，也不是其上级机关`, en: `The deciding organ ${d.decidingOrganId} is neither the using organ ${d.usingOrganId} nor an organ above it`, observed: d.decidingOrganId, expected: [d.usingOrganId, ...d.usingOrganAncestorIds] })];
  },
});
