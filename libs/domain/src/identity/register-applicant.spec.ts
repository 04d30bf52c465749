import { ANNOUNCED_PLAN, APPLICANT, REGISTERED } from '../recruitment-application/recruitment-application.fixtures';
import { command, on, scenario } from '../testing';
import { type SealedData, evolvePersonIdentity, personIdentityConfirmed, personIdentityRecorded } from './person-identity';
import { type RegisterApplicant, registerApplicant } from './register-applicant';

const SEALED: SealedData = { alg: 'A256GCM', keyId: 'dk-1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
const register = (data: Partial<RegisterApplicant['data']> = {}) =>
  command<RegisterApplicant>('RegisterApplicant', { applicationId: 'app-1', planId: 'plan-1', personKey: 'pk:9f2c…', applicant: APPLICANT, preferenceCategories: [], targetedOpeningId: null, identity: SEALED, ...data }, '2024-10-10');
const given = scenario(registerApplicant).given;
const recorded = personIdentityRecorded({ personKey: 'pk:9f2c…', applicationId: 'app-0', organId: 'hohhot', sealed: SEALED });

describe('RegisterApplicant: RegisterApplication with the sealed identity', () => {
  it('registers as RegisterApplication does and records the identity in the same decision', () => {
    given({ plan: ANNOUNCED_PLAN }).when(register()).then({
      application: [REGISTERED],
      identity: [personIdentityRecorded({ personKey: 'pk:9f2c…', applicationId: 'app-1', organId: REGISTERED.data.recruitingOrganId, sealed: SEALED })],
    });
  });

  it('records only the registration when the identity is the same ciphertext as the latest', () => {
    given({ plan: ANNOUNCED_PLAN, identity: [recorded] }).when(register()).then({
      application: [REGISTERED],
      identity: [personIdentityConfirmed({ personKey: 'pk:9f2c…', applicationId: 'app-1', organId: REGISTERED.data.recruitingOrganId })],
    });
  });

  it('records a changed identity again', () => {
    const changed = { ...SEALED, ct: 'b3RoZXI=' };
    const { decision } = given({ plan: ANNOUNCED_PLAN, identity: [recorded] }).when(register({ identity: changed }));
    expect(decision.accepted && decision.events.identity).toEqual([personIdentityRecorded({ personKey: 'pk:9f2c…', applicationId: 'app-1', organId: REGISTERED.data.recruitingOrganId, sealed: changed })]);
  });

  it('is refused exactly as RegisterApplication, writing no identity', () => {
    given({}).when(register()).thenRefusedWithStateCode('PLAN_NOT_FOUND');
    given({ plan: ANNOUNCED_PLAN, application: [REGISTERED] }).when(register()).thenRefusedWithStateCode('APPLICATION_ALREADY_REGISTERED');
  });

  it('folds the organs that took the identity, and the latest ciphertext', () => {
    const state = [on('2024-10-01', recorded), on('2024-11-01', personIdentityConfirmed({ personKey: 'pk:9f2c…', applicationId: 'app-2', organId: 'baotou' }))].reduce(
      evolvePersonIdentity,
      { status: 'NONE' } as ReturnType<typeof evolvePersonIdentity>,
    );
    expect(state).toEqual({ status: 'RECORDED', personKey: 'pk:9f2c…', sealed: SEALED, recordedOn: '2024-10-01', organIds: ['hohhot', 'baotou'], applicationIds: ['app-0', 'app-2'], lastRegisteredOn: '2024-11-01', shredded: [] });
  });
});
