import { type IsoDate, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type ComplaintHandled, type ComplaintReceived, auxiliaryEvent } from './events';
import { type AuxiliaryRefs, auxiliaryStream, duplicateId, judgeInForceOnly, unknownId } from './guards';
import { serviceCommand } from './service-period';
import { type Complaint } from './state';

/**
 * 举报、投诉 (Art. 38): received (¶1), investigated and decided, the complainant
 * told (¶2). A complaint about a former auxiliary is still handled.
 *
 * COMPLAINT mixes two things: the order of the steps (a command check) and
 * lateness (及时, a supervision finding once `complaint.handlingDays` pass with
 * the complainant untold). Refusing a late step would hide the lateness, so the
 * handling step keeps the order with guard clauses and the rule is judged when
 * the complaint is received and when the complainant is told — by then every
 * step has a date and the rule checks their order.
 */

export type ReceiveComplaint = Command<'ReceiveComplaint', {
  auxiliaryId: string;
  complaintId: string;
  channel: ComplaintReceived['data']['channel'];
  receivingOrganId: string;
}>;

export type HandleComplaint = Command<'HandleComplaint', {
  auxiliaryId: string;
  complaintId: string;
  investigatedOn: IsoDate;
  finding: ComplaintHandled['data']['finding'];
  disciplineId: string | null;
}>;

export type TellComplainant = Command<'TellComplainant', { auxiliaryId: string; complaintId: string; means: string }>;

const COMPLAINT_NAME = { zh: '举报投诉', en: 'complaint' } as const;

const complaintFacts = (c: Complaint) => ({
  receivedOn: c.receivedOn,
  investigatedOn: c.investigatedOn,
  decidedOn: c.decidedOn,
  complainantToldOn: c.complainantToldOn,
});

export const receiveComplaint: CommandHandler<ReceiveComplaint, AuxiliaryRefs> = serviceCommand<ReceiveComplaint, AuxiliaryRefs>({
  commandType: 'ReceiveComplaint',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    if (whole.service.complaints.some((c) => c.complaintId === data.complaintId)) return duplicateId(COMPLAINT_NAME, data.complaintId);

    const judgement = judgeInForce(context.registry, ['COMPLAINT'], {
      effectiveDate: on,
      complaint: { receivedOn: on, investigatedOn: null, decidedOn: null, complainantToldOn: null },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, complaintId, channel, receivingOrganId } = data;
    return accept({ auxiliary: [auxiliaryEvent('ComplaintReceived', { auxiliaryId, complaintId, channel, receivingOrganId, receivedOn: on })] }, judgement);
  },
});

export const handleComplaint: CommandHandler<HandleComplaint, AuxiliaryRefs> = serviceCommand<HandleComplaint, AuxiliaryRefs>({
  commandType: 'HandleComplaint',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    const complaint = state.service.complaints.find((c) => c.complaintId === data.complaintId);
    if (!complaint) return unknownId('COMPLAINT_NOT_RECEIVED', COMPLAINT_NAME, data.complaintId);
    const handled = whole.service.complaints.find((c) => c.complaintId === data.complaintId && c.decidedOn !== null);
    if (handled) return refuseWithStateCode('COMPLAINT_ALREADY_HANDLED', { zh: `举报投诉已于${handled.decidedOn}查处`, en: `The complaint was decided on ${handled.decidedOn}` });
    if (complaint.decidedOn !== null) return refuseWithStateCode('COMPLAINT_ALREADY_HANDLED', { zh: `举报投诉已于${complaint.decidedOn}查处`, en: `The complaint was decided on ${complaint.decidedOn}` });
    if (data.investigatedOn < complaint.receivedOn || data.investigatedOn > on) {
      return refuseWithStateCode(
        'COMPLAINT_STEPS_OUT_OF_ORDER',
        { zh: `调查日期${data.investigatedOn}须在受理日期${complaint.receivedOn}与查处日期${on}之间`, en: `Investigation on ${data.investigatedOn} must lie between receipt (${complaint.receivedOn}) and decision (${on})` },
      );
    }
    if (data.disciplineId !== null && !state.service.sanctions.some((s) => s.disciplineId === data.disciplineId)) {
      return unknownId('DISCIPLINE_NOT_ON_RECORD', { zh: '处分决定', en: 'disciplinary decision' }, data.disciplineId);
    }

    const judgement = judgeInForceOnly(context, on);
    if (!judgement.ok) return refuseCitingRules(judgement);
    const { auxiliaryId, complaintId, investigatedOn, finding, disciplineId } = data;
    return accept({ auxiliary: [auxiliaryEvent('ComplaintHandled', { auxiliaryId, complaintId, investigatedOn, decidedOn: on, finding, disciplineId })] }, judgement);
  },
});

export const tellComplainant: CommandHandler<TellComplainant, AuxiliaryRefs> = serviceCommand<TellComplainant, AuxiliaryRefs>({
  commandType: 'TellComplainant',
  streams: auxiliaryStream,
  decide({ data, metadata }, _states, context, state, whole) {
    const on = metadata.effectiveDate;
    const complaint = state.service.complaints.find((c) => c.complaintId === data.complaintId);
    if (!complaint) return unknownId('COMPLAINT_NOT_RECEIVED', COMPLAINT_NAME, data.complaintId);
    const told = whole.service.complaints.find((c) => c.complaintId === data.complaintId && c.complainantToldOn !== null);
    if (told) return refuseWithStateCode('COMPLAINANT_ALREADY_TOLD', { zh: `已于${told.complainantToldOn}告知`, en: `The complainant was told on ${told.complainantToldOn}` });
    if (complaint.complainantToldOn !== null) return refuseWithStateCode('COMPLAINANT_ALREADY_TOLD', { zh: `已于${complaint.complainantToldOn}告知`, en: `The complainant was told on ${complaint.complainantToldOn}` });

    // The rule sees the complaint as it would stand: telling before the decision breaks its order.
    const judgement = judgeInForce(context.registry, ['COMPLAINT'], { effectiveDate: on, complaint: { ...complaintFacts(complaint), complainantToldOn: on } });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept({ auxiliary: [auxiliaryEvent('ComplainantTold', { auxiliaryId: data.auxiliaryId, complaintId: data.complaintId, toldOn: on, means: data.means })] }, judgement);
  },
});
