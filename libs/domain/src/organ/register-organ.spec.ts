import type { OrganKind, OrganLevel } from '@auxledger/statute';
import { command, scenario } from '../testing';
import { organRegistered } from './organ';
import { CITY, COUNTY, REGION, UNIT } from './organ.fixtures';
import { registerOrgan, type RegisterOrgan } from './register-organ';

const register = (data: Partial<RegisterOrgan['data']> & Pick<RegisterOrgan['data'], 'organId'>, on = '2024-10-01') =>
  command<RegisterOrgan>('RegisterOrgan', { name: `${data.organId} 公安局`, level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg', ...data }, on);

const given = scenario(registerOrgan).given;

describe('RegisterOrgan', () => {
  describe('given no organ by that id', () => {
    it('registers a city organ under the region organ', () => {
      given({ parent: [REGION] })
        .when(register({ organId: 'baotou', level: 'CITY', parentId: 'nmg' }))
        .then({ organ: [organRegistered({ organId: 'baotou', name: 'baotou 公安局', level: 'CITY', kind: 'PUBLIC_SECURITY', parentId: 'nmg' })] });
    });

    it('registers the region organ without parent', () => {
      given({})
        .when(register({ organId: 'nmg', level: 'REGION', parentId: null }))
        .then({ organ: [organRegistered({ organId: 'nmg', name: 'nmg 公安局', level: 'REGION', kind: 'PUBLIC_SECURITY', parentId: null })] });
    });

    it('refuses a parent that is not registered (STATE)', () => {
      given({}).when(register({ organId: 'baotou', parentId: 'nowhere' })).thenRefusedWithStateCode('PARENT_NOT_REGISTERED');
    });

    it('refuses an organ as its own parent (STATE)', () => {
      given({}).when(register({ organId: 'baotou', parentId: 'baotou' })).thenRefusedWithStateCode('ORGAN_OWN_PARENT');
    });

    it('refuses an empty name (STATE)', () => {
      given({ parent: [REGION] }).when(register({ organId: 'baotou', name: '  ' })).thenRefusedWithStateCode('ORGAN_NAME_MISSING');
    });
  });

  describe('given the organ is registered', () => {
    it('refuses to register it again (STATE)', () => {
      given({ organ: [CITY], parent: [REGION] }).when(register({ organId: 'hohhot' })).thenRefusedWithStateCode('ORGAN_ALREADY_REGISTERED');
    });
  });
});

describe('Arts. 5, 18, 19 (ORG-LEVEL): an organ sits directly under an organ of the level above; units nest under any', () => {
  const parents = { REGION, CITY, COUNTY, UNIT } as const;
  it.each([
    ['CITY', 'REGION', []],
    ['COUNTY', 'CITY', []],
    ['UNIT', 'COUNTY', []],
    ['UNIT', 'CITY', []],
    ['UNIT', 'REGION', []],
    ['UNIT', 'UNIT', []],
    ['COUNTY', 'REGION', ['ORG-LEVEL']],
    ['CITY', 'CITY', ['ORG-LEVEL']],
    ['CITY', 'COUNTY', ['ORG-LEVEL']],
    ['REGION', 'REGION', ['ORG-LEVEL']],
  ] as const)('a %s under a %s → %j', (level, parentLevel, failed) => {
    const parent = parents[parentLevel];
    const outcome = given({ parent: [parent] }).when(register({ organId: 'new', level, parentId: parent.data.organId }));
    if (failed.length) outcome.thenRefusedCitingRules(...failed);
    else expect(outcome.decision.accepted).toBe(true);
  });

  it.each([['CITY'], ['COUNTY'], ['UNIT']] as const)('a %s without parent is refused', (level) => {
    given({}).when(register({ organId: 'new', level, parentId: null })).thenRefusedCitingRules('ORG-LEVEL');
  });
});

describe('Art. 46 (ORG-KIND): courts, procuratorates and justice administration register like public security', () => {
  it.each([['PUBLIC_SECURITY'], ['COURT'], ['PROCURATORATE'], ['JUSTICE_ADMIN']] as const)('%s is accepted', (kind) => {
    given({ parent: [REGION] }).when(register({ organId: 'new', kind })).then({
      organ: [organRegistered({ organId: 'new', name: 'new 公安局', level: 'CITY', kind, parentId: 'nmg' })],
    });
  });

  it('an unknown kind with a wrong level lists both failed rules', () => {
    given({ parent: [COUNTY] })
      .when(register({ organId: 'new', level: 'CITY' as OrganLevel, kind: 'ARMY' as OrganKind, parentId: 'xincheng' }))
      .thenRefusedCitingRules('ORG-LEVEL', 'ORG-KIND');
  });
});

describe('Art. 47: the 2024 rules judge registrations effective from 2024-09-01', () => {
  it('2024-08-31: no rule set in force', () => {
    given({ parent: [REGION] }).when(register({ organId: 'new' }, '2024-08-31')).thenRefusedCitingRules('RULESET-NOT-IN-FORCE');
  });
  it('2024-09-01: judged and accepted', () => {
    expect(given({ parent: [REGION] }).when(register({ organId: 'new' }, '2024-09-01')).decision.accepted).toBe(true);
  });
});

