import type { ApplicantProfile, SealedData } from '@auxledger/domain';
import { type IsoDate, type TerminationReason, addDays, addYears } from '@auxledger/statute';
import type { Prng } from './prng';

/** A natural person the generator knows: their key (a salted hash, never an ID number), profile and service history. */
export interface PersonWork {
  key: string;
  birthDate: IsoDate;
  profile: Omit<ApplicantProfile, 'birthDate'>;
  /** Earlier services, the generator's copy of what the person registry holds (DISQ-5 and DISQ-6 read the registry; the generator fails the review of one who abandoned a post or was dismissed for violations, as an operator would). */
  history: { organId: string; endedOn: IsoDate; reason: TerminationReason }[];
  /** The sealed identity they register with (demo identities on); the key is then the one the vault made. */
  identity?: SealedData;
}

/**
 * Former auxiliaries who may apply again: a bounded ring, so memory stays flat.
 * One who left by 擅自离职 (ABANDONMENT) or was dismissed for violations
 * (DISMISSAL_FOR_VIOLATION) is disqualified by Art. 23 (6) or (5): the generator
 * records that as a failed qualification review, as an operator would.
 */
export class FormerPersons {
  private readonly ring: PersonWork[] = [];
  constructor(private readonly capacity = 300) {}

  add(person: PersonWork): void {
    if (this.ring.length >= this.capacity) this.ring.shift();
    this.ring.push(person);
  }

  /** Takes one out (a person is in at most one recruitment at a time). */
  take(rng: Prng): PersonWork | null {
    if (this.ring.length === 0) return null;
    const i = rng.int(0, this.ring.length - 1);
    return this.ring.splice(i, 1)[0] ?? null;
  }
}

export function newPerson(rng: Prng, registrationDate: IsoDate, relaxationDocument: string): PersonWork {
  const age = rng.int(18, 34);
  const birthDate = addDays(addYears(registrationDate, -age), -rng.int(0, 360));
  const education = rng.weighted({ BACHELOR: 36, JUNIOR_COLLEGE: 54, HIGH_SCHOOL: 6, SECONDARY_VOCATIONAL: 4 });
  const relaxed = education === 'HIGH_SCHOOL' || education === 'SECONDARY_VOCATIONAL';
  return {
    key: `pk-${rng.hex8()}${rng.hex8()}${rng.hex8()}`,
    birthDate,
    profile: {
      nationality: 'CN',
      education,
      // Art. 21 (3): relaxed to 高中/中专 for veterans and special posts, approved by the 盟市 government.
      educationRelaxation: relaxed
        ? { ground: rng.chance(0.7) ? 'VETERAN' : 'SPECIAL_POST', approval: { authority: 'GOVERNMENT', level: 'CITY', documentNumber: relaxationDocument } }
        : null,
    },
    history: [],
  };
}

export const profileOf = (p: PersonWork): ApplicantProfile => ({ birthDate: p.birthDate, ...p.profile });

/** Disqualified by the system's own record: an earlier 擅自离职 (Art. 23 (6), DISQ-6) or dismissal for violations (Art. 23 (5), DISQ-5). */
export const disqualifiedOnRecord = (p: PersonWork): boolean => p.history.some((h) => h.reason === 'ABANDONMENT' || h.reason === 'DISMISSAL_FOR_VIOLATION');
