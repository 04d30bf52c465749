import { createHash, createHmac } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import type { SealedData } from '@auxledger/domain';
import { type IdentityInput, IdentityVault, SqlitePeopleKeyStore, identityFiles, loadOrCreateSecret, writeSecretFile } from '@auxledger/identity';
import type { IsoDate } from '@auxledger/statute';
import { demoIdentity } from './demo-identities';
import type { PersonWork } from './people';

/** What seals an applicant's identity and makes their person key: the vault, as the API's register-applicant uses it. */
export interface IdentitySealer {
  sealIdentity(identity: IdentityInput, on: IsoDate, now: Date): Promise<{ personKey: string; sealed: SealedData }>;
  /** Other sensitive data (an injury's medical details) sealed under the person's key, as the API's record-injury does. */
  sealPersonalData?(personKey: string, purpose: 'medical' | 'health', value: unknown, now: Date): Promise<SealedData>;
}


/**
 * Gives each new person of the history a demo identity (a plausible name and
 * a valid 公民身份号码, `demoIdentity`, from the seed and the person's
 * ordinal) sealed by the vault — the path register-applicant takes — and the
 * person key the vault makes from the number. `taken` holds the numbers given
 * so far in this history: each person gets one no one else has.
 */
export async function giveIdentity(sealer: IdentitySealer, seed: number, ordinal: number, person: PersonWork, on: IsoDate, taken: Set<string>): Promise<void> {
  if (person.identity) return;
  // A 公民身份号码 names one person: another person of the history with the same number would be the same person to the registry.
  let id = demoIdentity(seed, ordinal, person.birthDate);
  for (let attempt = 1; taken.has(id.idNumber); attempt++) id = demoIdentity(seed, ordinal, person.birthDate, undefined, attempt);
  taken.add(id.idNumber);
  const { personKey, sealed } = await sealer.sealIdentity(
    { name: id.name, gender: id.gender, idNumber: id.idNumber, birthDate: id.birthDate, nationality: id.nationality, contact: id.contact, documents: id.documents },
    on,
    new Date(`${on}T08:00:00.000Z`),
  );
  person.key = personKey;
  person.identity = sealed;
}

/**
 * The demo's vault beside its log, in the files the API reads (ADR 0006:
 * `<name>.person-key.key`, `<name>.wrap.key`, `<name>.people.db`). The
 * person-key secret and every data key are derived from the seed, so that
 * the same seed gives the same log byte for byte: **a demo's secrets are no
 * secret** — never register real people in a demo deployment. Files left by
 * an earlier demo whose log was removed are replaced.
 */
export function openDemoVault(logPath: string, seed: number): { vault: IdentityVault; close(): Promise<void>; keyStorePath: string } {
  const files = identityFiles({}, logPath);
  for (const f of [files.keyStorePath, `${files.keyStorePath}-wal`, `${files.keyStorePath}-shm`]) if (existsSync(f)) rmSync(f);
  const derive = (what: string) => createHash('sha256').update(`auxledger/demo/${what}/v1\n${seed}`).digest();
  writeSecretFile(files.personKeySecretPath, 'person-key secret (demo: derived from the seed)', derive('person-key'));
  const wrap = loadOrCreateSecret(files.wrapKeyPath, 'data-key wrap key').secret;
  const dataKeySeed = derive('data-keys');
  const keys = new SqlitePeopleKeyStore(files.keyStorePath, wrap, {
    durable: false,
    makeKey: (personKey) => {
      const key = createHmac('sha256', dataKeySeed).update(personKey).digest();
      return { keyId: `dk-demo-${createHmac('sha256', dataKeySeed).update(`key id\n${personKey}`).digest('hex').slice(0, 32)}`, key };
    },
  });
  return { vault: new IdentityVault(derive('person-key'), keys), close: () => keys.close(), keyStorePath: files.keyStorePath };
}
