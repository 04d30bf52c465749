import { nmg } from '../citation';
import type { IsoDate } from '../dates';
import { defineCheck } from '../rule';

/**
 * Staff who served before the record began (issue 11 item 8): a service found
 * on record, not hired through it (`RecordExistingService`). It is judged by
 * what the regulation asks of *serving* staff — one using organ (ORG-RESP),
 * one active contract per person (PERSON-UNIQUE), the organ's quota
 * (QUOTA-HIRE), a labour contract in force (Art. 24) — never by the
 * recruitment rules of Arts. 17–23 it was not hired under. This rule bounds
 * which services may be recorded so: our reading of Art. 47 with Art. 17,
 * stated in `reading` (docs/statute-coverage.md lists it).
 */

/** The day the regulation took effect (第四十七条 本条例自2024年9月1日起施行). */
export const REGULATION_IN_FORCE_FROM: IsoDate = '2024-09-01';

export interface ExistingServiceFacts {
  readonly existingService: {
    /** The day the service began (聘用), as found. */
    readonly hiredOn: IsoDate;
    /** The day the using organ's record began (its registration in this system took effect). */
    readonly organRecordFrom: IsoDate;
    /** The labour contract on file, in force on the day the record of the service begins (the effective date). */
    readonly contract: { readonly startDate: IsoDate; readonly endDate: IsoDate | null };
    /** Every date the record states as found (training, insurance, 转正): none after the effective date, none before the hire. */
    readonly datesOnRecord: readonly { readonly what: string; readonly on: IsoDate }[];
  };
}

// 第四十七条 本条例自2024年9月1日起施行。 第十七条 招聘辅警应当坚持凡进必考…… 第二十四条 公安机关应当与辅警签订劳动合同……
export const EXISTING_SERVICE = defineCheck({
  id: 'EXISTING-SERVICE',
  title: { zh: '记录之前已在职的辅警：按在职要求登记，不适用其未经历的招聘规则', en: 'Staff serving before the record began: recorded as found, by what serving staff need, not by the recruitment rules they were not hired under' },
  citations: [nmg(47), nmg(17), nmg(24)],
  reading: {
    zh: '本条例自2024年9月1日起施行（第四十七条），此前聘用的辅警未经本条例第十七条至第二十三条规定的招聘程序；部署前已在使用单位任职的辅警，其招聘也不在本系统记录之中。此类任职按现状登记（标记为“迁移”）：聘用日期须早于2024年9月1日或早于使用单位在本系统登记之日，否则应当经招聘聘用（凡进必考，第十七条）；登记之日须有在履行的劳动合同（第二十四条），合同始于聘用之日或其后；所记培训、保险、转正日期不得晚于登记之日、不得早于聘用之日。在职辅警应当符合的规定照常适用：一个使用单位（第三十四条第一款）、一人一份在用合同（第二十四条）、用人额度（第七条）；所缺事项（岗前培训、保险、体检、考核）由监督视图列明。',
    en: 'The regulation is in force from 2024-09-01 (Art. 47): staff hired before then were not recruited under Arts. 17–23, and staff already serving an organ when this system\'s record of it began were recruited outside the record. Such a service is recorded as found (marked migrated): the hire date lies before 2024-09-01 or before the using organ\'s registration in this system, else the person is hired through recruitment (凡进必考, Art. 17); on the day of the record a labour contract is in force (Art. 24), starting on or after the hire; the training, insurance and 转正 dates on record lie neither after that day nor before the hire. What the regulation asks of serving staff applies as always — one using organ (Art. 34 ¶1), one active contract per person (Art. 24), the quota (Art. 7) — and what such a person still lacks (pre-job training, insurance, health check, assessment) is shown by supervision.',
  },
  uses: ['COMMAND'],
  parameters: [],
  check: function foundBeforeTheRecord({ existingService: s }: ExistingServiceFacts, { fail, on }) {
    const out = [];
    const recordFrom = s.organRecordFrom > REGULATION_IN_FORCE_FROM ? s.organRecordFrom : REGULATION_IN_FORCE_FROM;
    if (s.hiredOn >= recordFrom) {
      out.push(fail({
        zh: `聘用日期${s.hiredOn}不早于条例施行（${REGULATION_IN_FORCE_FROM}）及使用单位登记（${s.organRecordFrom}）：应当经招聘聘用（凡进必考）`,
        en: `Hired on ${s.hiredOn}, not before the regulation took effect (${REGULATION_IN_FORCE_FROM}) or the using organ's record began (${s.organRecordFrom}): such a hire goes through recruitment (Art. 17)`,
        observed: s.hiredOn, expected: `before ${recordFrom}`, citation: nmg(17),
      }));
    }
    if (s.hiredOn > on) {
      out.push(fail({ zh: `聘用日期${s.hiredOn}晚于登记之日${on}`, en: `Hired on ${s.hiredOn}, after the day of the record ${on}: not a service found`, observed: s.hiredOn, expected: `on or before ${on}`, citation: nmg(47) }));
    }
    const c = s.contract;
    if (c.startDate < s.hiredOn || c.startDate > on || (c.endDate !== null && c.endDate < on)) {
      out.push(fail({
        zh: `登记之日${on}须有在履行的劳动合同，且始于聘用（${s.hiredOn}）之后：所报合同为${c.startDate}至${c.endDate ?? '无固定期限'}`,
        en: `On the day of the record (${on}) a labour contract is in force, starting on or after the hire (${s.hiredOn}): the contract given runs ${c.startDate} to ${c.endDate ?? 'no fixed end'}`,
        observed: { startDate: c.startDate, endDate: c.endDate }, expected: `start in [${s.hiredOn}, ${on}], end on or after ${on}`, citation: nmg(24),
      }));
    }
    for (const d of s.datesOnRecord) {
      if (d.on > on || d.on < s.hiredOn) {
        out.push(fail({ zh: `${d.what}日期${d.on}不在聘用（${s.hiredOn}）至登记之日（${on}）之间`, en: `${d.what} on ${d.on} lies outside the service as found (${s.hiredOn} to ${on})`, observed: d.on, expected: `in [${s.hiredOn}, ${on}]`, citation: nmg(24) }));
      }
    }
    return out;
  },
});
