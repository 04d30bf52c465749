/**
 * The shape of `shared/data/inner-mongolia-organs.json`: the region's 12
 * league/city-level and 103 county-level divisions with the conventional name
 * of each public-security organ. The generator takes it parsed (it reads no
 * file itself); `loadRegionOrgans` reads it for Node callers.
 */
export interface DivisionNode {
  division: string;
  divisionKind?: string;
  organ: string;
  level: 'REGION' | 'CITY' | 'COUNTY';
  children?: DivisionNode[];
}

export interface RegionOrgansFile {
  about?: string;
  countyLevelCount?: number;
  region: DivisionNode;
}

/** Organ ids of the 12 league/city divisions (盟市), used also as pay-standard localities. */
export const CITY_IDS: Readonly<Record<string, string>> = {
  呼和浩特市: 'hohhot',
  包头市: 'baotou',
  乌海市: 'wuhai',
  赤峰市: 'chifeng',
  通辽市: 'tongliao',
  鄂尔多斯市: 'ordos',
  呼伦贝尔市: 'hulunbuir',
  巴彦淖尔市: 'bayannur',
  乌兰察布市: 'ulanqab',
  兴安盟: 'hinggan',
  锡林郭勒盟: 'xilingol',
  阿拉善盟: 'alxa',
};

export const REGION_ORGAN_ID = 'nmg';

export interface CityDivision {
  id: string;
  division: string;
  organ: string;
  counties: { id: string; division: string; divisionKind: string; organ: string }[];
}

/** The file's tree as cities with their counties, each with a stable organ id (`hohhot`, `hohhot-01`, …). */
export function citiesOf(file: RegionOrgansFile): CityDivision[] {
  if (file.region?.level !== 'REGION' || !Array.isArray(file.region.children)) {
    throw new Error('organs file: expected { region: { level: "REGION", children: [...] } }');
  }
  return file.region.children.map((city, i) => {
    if (city.level !== 'CITY') throw new Error(`organs file: ${city.division} is not CITY level`);
    const id = CITY_IDS[city.division] ?? `city-${String(i + 1).padStart(2, '0')}`;
    return {
      id,
      division: city.division,
      organ: city.organ,
      counties: (city.children ?? []).map((county, j) => {
        if (county.level !== 'COUNTY') throw new Error(`organs file: ${county.division} is not COUNTY level`);
        return { id: `${id}-${String(j + 1).padStart(2, '0')}`, division: county.division, divisionKind: county.divisionKind ?? '', organ: county.organ };
      }),
    };
  });
}
