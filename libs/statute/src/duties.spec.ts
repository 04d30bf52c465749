import { articleOf, citedText } from './articles';
import { DUTIES, dutiesAssignableTo, dutiesOfCategory, findDuty } from './duties';

describe('the duty catalog: a code for every item of Arts. 12, 13 ¶1, 14 and 15, plus Art. 16', () => {
  it.each([
    [12, 1, 'CIVILIAN'],
    [13, 1, 'DUTY'],
    [14, 1, 'DUTY'],
    [15, 1, 'NONE'],
  ] as const)('every item of Art. %i ¶%i has exactly one code, for %s', (article, paragraph, auxiliaryCategory) => {
    const items = articleOf({ law: 'NMG-AUX', revision: '2024', article })?.paragraphs[paragraph - 1]?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const { item } of items) {
      const coded = DUTIES.filter((d) => d.citation.article === article && d.citation.paragraph === paragraph && d.citation.item === item);
      expect(coded).toHaveLength(1);
      expect(coded[0]?.auxiliaryCategory).toBe(auxiliaryCategory);
    }
  });

  it.each(DUTIES.filter((d) => d.citation.item !== undefined).map((d) => [d.code, d] as const))("%s: its Chinese title is its item's text", (_code, d) => {
    expect(citedText(d.citation)?.replace(/[；。]$/, '')).toBe(d.title.zh);
  });

  it('vehicles, robots and drones (Art. 16 ¶1) are EQUIPMENT, open to both categories, each with its qualification', () => {
    expect(dutiesOfCategory('EQUIPMENT').map((d) => [d.code, d.auxiliaryCategory, d.qualification, d.citation.paragraph])).toEqual([
      ['EQUIP_VEHICLE', 'ANY', 'POLICE_VEHICLE_DRIVING', 1],
      ['EQUIP_ROBOT', 'ANY', 'POLICE_ROBOT_OPERATION', 1],
      ['EQUIP_DRONE', 'ANY', 'POLICE_DRONE_OPERATION', 1],
    ]);
  });

  it('weapons (Art. 16 ¶2) are open to nobody', () => {
    expect(findDuty('WEAPON')).toMatchObject({ category: 'WEAPON', auxiliaryCategory: 'NONE', citation: { article: 16, paragraph: 2 } });
  });

  it('categories follow the text: Art. 12 (1) admin, (2) tech, (3) logistics; Art. 13 enforcement; Art. 14 service; Art. 15 forbidden', () => {
    expect(findDuty('CIV_ADMIN')?.category).toBe('ADMIN_SUPPORT');
    expect(findDuty('CIV_TECH')?.category).toBe('TECH_SUPPORT');
    expect(findDuty('CIV_EQUIPMENT_UPKEEP')?.category).toBe('LOGISTICS_SUPPORT');
    expect(dutiesOfCategory('ENFORCEMENT_ASSIST')).toHaveLength(11);
    expect(dutiesOfCategory('SERVICE_SUPPORT')).toHaveLength(5);
    expect(dutiesOfCategory('FORBIDDEN')).toHaveLength(8);
  });

  it('"other work under national rules" items need the national basis on record', () => {
    expect(DUTIES.filter((d) => d.needsNationalBasis).map((d) => d.code)).toEqual(['CIV_OTHER', 'ENF_OTHER', 'SVC_OTHER']);
  });

  it('codes are unique, and what each category may take never includes forbidden work or weapons', () => {
    expect(new Set(DUTIES.map((d) => d.code)).size).toBe(DUTIES.length);
    for (const c of ['CIVILIAN', 'DUTY'] as const) {
      expect(dutiesAssignableTo(c).filter((d) => d.category === 'FORBIDDEN' || d.category === 'WEAPON')).toEqual([]);
    }
    expect(dutiesAssignableTo('CIVILIAN')).toHaveLength(4 + 3);
    expect(dutiesAssignableTo('DUTY')).toHaveLength(11 + 5 + 3);
  });
});
