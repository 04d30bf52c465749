import { command, on, scenario } from '../testing';
import { AUX, hired, terminatedOn } from './auxiliary.fixtures';
import { type IssueCredential, type RecoverCredential, issueCredential, recoverCredential } from './credentials';
import { auxiliaryEvent } from './events';

const issue = (serial: string, date = '2024-10-02') => command<IssueCredential>('IssueCredential', { auxiliaryId: AUX, kind: 'WORK_ID', serial }, date);
const recover = (serial: string, date = '2025-07-01') => command<RecoverCredential>('RecoverCredential', { auxiliaryId: AUX, serial }, date);
const issued = (serial: string) => on('2024-10-02', auxiliaryEvent('CredentialIssued', { auxiliaryId: AUX, kind: 'WORK_ID', serial, issuedOn: '2024-10-02' }));

describe('Art. 37 ¶1: work ID, uniform and insignia are issued with a serial number', () => {
  const given = scenario(issueCredential).given;
  it('issues with a serial', () => {
    given({ auxiliary: [hired()] }).when(issue('WID-1')).then({ auxiliary: [issued('WID-1').event] });
  });
  it('refuses a blank serial (CREDENTIALS)', () => {
    given({ auxiliary: [hired()] }).when(issue('  ')).thenRefusedCitingRules('CREDENTIALS');
  });
  it('refuses a serial already out (STATE), and issuing after departure (SERVICE-PERIOD)', () => {
    given({ auxiliary: [hired(), issued('WID-1')] }).when(issue('WID-1')).thenRefusedWithStateCode('CREDENTIAL_ALREADY_ISSUED');
    given({ auxiliary: [hired(), terminatedOn('2024-12-31')] }).when(issue('WID-2', '2025-01-02')).thenRefusedCitingRules('SERVICE-PERIOD');
  });
});

describe('Art. 37 ¶3: on departure the organ recovers what it issued', () => {
  const given = scenario(recoverCredential).given;
  it('after departure, each item is recovered one by one (others still out do not block it)', () => {
    given({ auxiliary: [hired(), issued('WID-1'), issued('UNI-1'), terminatedOn('2025-06-30')] })
      .when(recover('WID-1'))
      .then({ auxiliary: [auxiliaryEvent('CredentialRecovered', { auxiliaryId: AUX, serial: 'WID-1', recoveredOn: '2025-07-01' })] });
  });
  it('refuses a serial not out (STATE)', () => {
    given({ auxiliary: [hired(), issued('WID-1')] }).when(recover('WID-9')).thenRefusedWithStateCode('CREDENTIAL_NOT_OUTSTANDING');
    given({ auxiliary: [hired(), issued('WID-1'), on('2025-01-01', auxiliaryEvent('CredentialRecovered', { auxiliaryId: AUX, serial: 'WID-1', recoveredOn: '2025-01-01' }))] })
      .when(recover('WID-1'))
      .thenRefusedWithStateCode('CREDENTIAL_NOT_OUTSTANDING');
  });
});
