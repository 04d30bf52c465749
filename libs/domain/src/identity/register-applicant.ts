import { type Command, type CommandHandler, type StreamRef, accept } from '../kernel';
import { type RegisterApplication, registerApplication } from '../recruitment-application/register-application';
import { type PersonIdentityState, type SealedData, personIdentityConfirmed, personIdentityRecorded, personIdentityRef, sameSealed } from './person-identity';

/**
 * 报名 with the applicant's identity (Art. 20 (2)): RegisterApplication, and
 * in the same atomic append the identity record — sealed by the application
 * layer, the person key made by the server from the 公民身份号码 (ADR 0006) —
 * or, when the person's latest record holds the same ciphertext already, only
 * that this registration (and its organ) gave it too. Judged
 * exactly as RegisterApplication: every rule, state check and refusal is its.
 */
export type RegisterApplicant = Command<'RegisterApplicant', RegisterApplication['data'] & { identity: SealedData }>;

type Streams = ReturnType<typeof registerApplication.streams> & { identity: StreamRef<PersonIdentityState> };

export const registerApplicant: CommandHandler<RegisterApplicant, Streams> = {
  commandType: 'RegisterApplicant',
  streams: (command) => ({ ...registerApplication.streams(asRegistration(command)), identity: personIdentityRef(command.data.personKey) }),
  decide(command, { identity, ...states }, context) {
    const decision = registerApplication.decide(asRegistration(command), states, context);
    if (!decision.accepted) return decision;
    const { data } = command;
    const registered = decision.events.application?.[0]?.data as { recruitingOrganId: string } | undefined;
    if (!registered) return decision;
    const of = { personKey: data.personKey, applicationId: data.applicationId, organId: registered.recruitingOrganId };
    const unchanged = identity.status === 'RECORDED' && sameSealed(identity.sealed, data.identity);
    return accept({ ...decision.events, identity: [unchanged ? personIdentityConfirmed(of) : personIdentityRecorded({ ...of, sealed: data.identity })] }, decision.judgement);
  },
};

function asRegistration({ data, metadata }: RegisterApplicant): RegisterApplication {
  const { identity: _identity, ...registration } = data;
  return { type: 'RegisterApplication', data: registration, metadata };
}
