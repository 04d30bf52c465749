import { randomBytes } from 'node:crypto';
import { type Gender, type SealedData, maskNationalId, validateNationalId, type NationalIdProblem } from './domain-types';
import type { IsoDate } from '@auxledger/statute';
import type { AccessRecord, PeopleKeyStore } from './data-keys';
import { IdentityError } from './errors';
import { personKeyOf } from './person-key';
import { open, seal } from './sealing';

/** A document an applicant gives at registration (Art. 20 (2) 报名): what it is and where the paper or scan is kept. */
export interface RegistrationDocument {
  kind: string;
  ref: string;
}

/** The identity record of one person, in clear: what the vault seals and, on an explicit read, opens. */
export interface IdentityRecord {
  /** 姓名. */
  name: string;
  gender: Gender;
  /** 公民身份号码, normalised (18 characters). */
  idNumber: string;
  birthDate: IsoDate;
  /** ISO 3166-1 alpha-2. */
  nationality: string;
  contact: { phone: string | null; address: string | null };
  documents: RegistrationDocument[];
}

/** The identity as given at registration; the number as typed. */
export type IdentityInput = IdentityRecord;

export const IDENTITY_PURPOSE = 'identity';
/** The purposes of the other sensitive data sealed under a person's key: the medical details of an injury (Art. 32; PIPL Art. 28). */
export const MEDICAL_PURPOSE = 'medical';
/** A health check's result category (Art. 28 ¶3; PIPL Art. 28). */
export const HEALTH_PURPOSE = 'health';
export type SensitivePurpose = typeof MEDICAL_PURPOSE | typeof HEALTH_PURPOSE;
export const IDENTITY_FIELDS = ['name', 'gender', 'idNumber', 'birthDate', 'nationality', 'contact', 'documents'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** What an operator in scope sees without asking: the name, the gender, the ID number masked (`1501**********123X`), the nationality. */
export interface MaskedIdentity {
  name: string;
  gender: Gender;
  idNumberMasked: string;
  nationality: string;
}
export const MASKED_FIELDS = ['name', 'gender', 'idNumber:masked', 'nationality'];

/** Who reads: the API key, its role and the organ it reads as. */
export interface Reader {
  keyId: string;
  role: string;
  organId: string | null;
}

/** The 公民身份号码 refused: every problem, none repeating the number (400 in the API). */
export class NationalIdRefused extends IdentityError {
  constructor(readonly problems: NationalIdProblem[]) {
    super(
      'NATIONAL_ID_INVALID',
      { zh: `公民身份号码无效：${problems.map((p) => p.message.zh).join('；')}`, en: `The citizen ID number is not valid: ${problems.map((p) => p.message.en).join('; ')}` },
      { problems: problems.map((p) => ({ code: p.code, message: p.message })) },
    );
  }
}

/**
 * The one place personal data is made, sealed and opened (ADR 0006): the
 * person key from the 公民身份号码 (HMAC-SHA-256 under the deployment's
 * secret), the identity sealed under the person's data key, opened for a
 * masked or an explicit read — each read recorded — and the key shredded.
 */
export class IdentityVault {
  constructor(
    private readonly personKeySecret: Buffer,
    private readonly keys: PeopleKeyStore,
  ) {}

  /** Validates the number against the declared birth date and gender, and makes the person key; nothing is written. */
  personKeyFor(identity: Pick<IdentityInput, 'idNumber' | 'birthDate' | 'gender'>, on: IsoDate): { personKey: string; idNumber: string } {
    const result = validateNationalId(identity.idNumber, { birthDate: identity.birthDate, gender: identity.gender, on });
    if (!result.ok) throw new NationalIdRefused(result.problems);
    return { personKey: personKeyOf(this.personKeySecret, result.id.number), idNumber: result.id.number };
  }

  /** The person key and the sealed identity of a registration (the person's data key made on first use). */
  /**
   * The person key made and the identity sealed under the person's data key.
   * `dryRun`: the number checked and the key made the same way, the identity
   * sealed under a throwaway key that is never stored — no data key created.
   */
  async sealIdentity(identity: IdentityInput, on: IsoDate, now: Date, options: { dryRun?: boolean } = {}): Promise<{ personKey: string; sealed: SealedData }> {
    const { personKey, idNumber } = this.personKeyFor(identity, on);
    const record: IdentityRecord = {
      name: identity.name,
      gender: identity.gender,
      idNumber,
      birthDate: identity.birthDate,
      nationality: identity.nationality,
      contact: { phone: identity.contact.phone, address: identity.contact.address },
      documents: identity.documents.map((d) => ({ kind: d.kind, ref: d.ref })),
    };
    const { keyId, key } = options.dryRun ? { keyId: 'dry-run', key: randomBytes(32) } : await this.keys.dataKeyFor(personKey, now);
    return { personKey, sealed: seal(key, keyId, { personKey, purpose: IDENTITY_PURPOSE }, record) };
  }

  /** Opens a sealed identity; null when its key was shredded. Records nothing: callers read through `readMasked` / `readClear`. */
  private async open(personKey: string, sealed: SealedData): Promise<IdentityRecord | null> {
    const key = await this.keys.dataKey(personKey, sealed.keyId);
    return key ? open<IdentityRecord>(key, { personKey, purpose: IDENTITY_PURPOSE }, sealed) : null;
  }

  /** The masked identity, the read recorded; `SHREDDED` (also recorded) when the key was erased. */
  async readMasked(personKey: string, sealed: SealedData, reader: Reader, now: Date): Promise<MaskedIdentity | 'SHREDDED'> {
    const record = await this.open(personKey, sealed);
    await this.record(personKey, reader, now, record ? MASKED_FIELDS : [], record ? 'MASKED' : 'SHREDDED', null);
    return record ? { name: record.name, gender: record.gender, idNumberMasked: maskNationalId(record.idNumber), nationality: record.nationality } : 'SHREDDED';
  }

  /** The fields asked for, in clear, with the reason recorded first: no record, no read. */
  async readClear(personKey: string, sealed: SealedData, reader: Reader, now: Date, fields: readonly IdentityField[], reason: string): Promise<Partial<IdentityRecord> | 'SHREDDED'> {
    if (reason.trim().length === 0) {
      throw new IdentityError('ACCESS_REASON_REQUIRED', { zh: '查看完整个人信息须说明理由', en: 'A reason is required to read personal data in clear' });
    }
    const record = await this.open(personKey, sealed);
    await this.record(personKey, reader, now, record ? [...fields] : [], record ? 'CLEAR' : 'SHREDDED', reason);
    if (!record) return 'SHREDDED';
    return Object.fromEntries(fields.map((f) => [f, record[f]])) as Partial<IdentityRecord>;
  }

  /**
   * Other sensitive personal data of the person (PIPL Art. 28: the medical
   * details of an injury …) sealed under the same data key as their identity,
   * with a purpose of its own (`medical`), before the command that carries it
   * is built — the seam register-applicant uses. `dryRun`: sealed under a
   * throwaway key, no data key created.
   */
  async sealPersonalData(personKey: string, purpose: SensitivePurpose, value: unknown, now: Date, options: { dryRun?: boolean } = {}): Promise<SealedData> {
    const { keyId, key } = options.dryRun ? { keyId: 'dry-run', key: randomBytes(32) } : await this.keys.dataKeyFor(personKey, now);
    return seal(key, keyId, { personKey, purpose }, value);
  }

  /**
   * Sensitive data in clear, on an explicit read with a reason: one access
   * record (fields as `<purpose>:<ref>`) written before anything is opened;
   * each item `SHREDDED` when its key was erased.
   */
  async readSensitiveClear<T>(
    personKey: string,
    purpose: SensitivePurpose,
    items: ReadonlyArray<{ ref: string; sealed: SealedData }>,
    reader: Reader,
    now: Date,
    reason: string,
    /** Refs of items of this purpose read from the log in clear (recorded before sealing), named in the same record. */
    readInClear: readonly string[] = [],
  ): Promise<Array<{ ref: string; value: T | 'SHREDDED' }>> {
    if (reason.trim().length === 0) {
      throw new IdentityError('ACCESS_REASON_REQUIRED', { zh: '查看完整个人信息须说明理由', en: 'A reason is required to read personal data in clear' });
    }
    const opened = await Promise.all(items.map(async (item) => ({ ref: item.ref, key: await this.keys.dataKey(personKey, item.sealed.keyId), sealed: item.sealed })));
    const readable = opened.filter((o) => o.key !== null);
    const fields = [...readable.map((o) => o.ref), ...readInClear].map((ref) => `${purpose}:${ref}`);
    await this.record(personKey, reader, now, fields, fields.length > 0 || items.length === 0 ? 'CLEAR' : 'SHREDDED', reason);
    return opened.map((o) => ({ ref: o.ref, value: o.key ? open<T>(o.key, { personKey, purpose }, o.sealed) : 'SHREDDED' }));
  }

    shred(personKey: string, now: Date, reason: string): Promise<{ shredded: number }> {
    return this.keys.shred(personKey, now, reason);
  }

  accessRecords(filter: { personKey?: string; actorKeyId?: string }): Promise<AccessRecord[]> {
    return this.keys.accessRecords(filter);
  }

  private async record(personKey: string, reader: Reader, now: Date, fields: string[], disclosure: AccessRecord['disclosure'], reason: string | null): Promise<void> {
    await this.keys.recordAccess({ personKey, at: now.toISOString(), actorKeyId: reader.keyId, actorRole: reader.role, organId: reader.organId, fields, disclosure, reason });
  }
}
