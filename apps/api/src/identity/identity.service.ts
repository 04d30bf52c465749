import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Auxiliary, Person, type SealedData, auxiliaryIdsOf, fold, isHired, isSealedHealthCheck, isSealedMedicalDetails, PersonIdentity, type PersonIdentityState, streamIdOf } from '@auxledger/domain';
import { envelopeOf } from '@auxledger/domain';
import type { EventStore } from '@auxledger/event-store';
import { IdentityError, IdentityVault, NationalIdRefused, type PeopleKeyStore, SqlitePeopleKeyStore, loadOrCreateSecret } from '@auxledger/identity';
import { type ApiConfig, type IdentityConfig, identityConfig } from '../config/api-config';
import { AppError } from '../errors/app-error';
import { API_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import type { Principal } from '../auth/principal';

/** A person as a record shows them: the name and the masked number, or nothing after shredding. */
export type ShownPerson =
  | { status: 'READABLE'; name: string; gender: string; idNumberMasked: string; nationality: string }
  | { status: 'SHREDDED'; name: null; gender: null; idNumberMasked: null };

/**
 * The deployment's personal-data keys (ADR 0006): the person-key secret and
 * the wrap key, each read from its file or created on first start (0600,
 * beside the log), and the key store of data keys and access records.
 */
@Injectable()
export class IdentityService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Identity');
  private readonly settings: IdentityConfig;
  private keys: PeopleKeyStore | undefined;
  private vaultInstance: IdentityVault | undefined;
  /** The secret files this process created (main.ts may say so). */
  created: string[] = [];

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.settings = config.identity ?? identityConfig({}, config.store);
  }

  onModuleInit(): void {
    const personKey = loadOrCreateSecret(this.settings.personKeySecretPath, 'person-key secret');
    const wrap = loadOrCreateSecret(this.settings.wrapKeyPath, 'data-key wrap key');
    for (const [file, { created }] of [[this.settings.personKeySecretPath, personKey], [this.settings.wrapKeyPath, wrap]] as const) {
      if (created) {
        this.created.push(file);
        this.logger.warn(`Created ${file} (0600): keep a copy apart from the database — without it no person key can be made again (ADR 0006)`);
      }
    }
    this.keys = new SqlitePeopleKeyStore(this.settings.keyStorePath, wrap.secret);
    this.vaultInstance = new IdentityVault(personKey.secret, this.keys);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.keys?.close();
  }

  get vault(): IdentityVault {
    if (!this.vaultInstance) throw new Error('the identity keys are read when the module starts');
    return this.vaultInstance;
  }

  /**
   * The masked identity of one person where a record shows them (person file,
   * roster, audit): joined at the API's edge, never kept in a read model. The
   * read is recorded as the vault records every read; null when no identity
   * was registered under the key (records made with client keys, ADR 0006).
   */
  async shownPerson(personKey: string, principal: Pick<Principal, 'keyId' | 'role'>, organId: string | null, now: Date): Promise<ShownPerson | null> {
    const state = await this.identityOf(personKey);
    if (state.status !== 'RECORDED') return null;
    const identity = await this.vault.readMasked(personKey, state.sealed, { keyId: principal.keyId, role: principal.role, organId }, now);
    return identity === 'SHREDDED' ? { status: 'SHREDDED', name: null, gender: null, idNumberMasked: null } : { status: 'READABLE', ...identity };
  }

  /**
   * The medical details of every injury on the person's auxiliary records, as
   * the log holds them: sealed (schema version 2) or, recorded before sealing,
   * in clear (version 1). Nothing is opened here.
   */
  async medicalDetailsOf(personKey: string): Promise<Array<{ auxiliaryId: string; injuryId: string } & ({ sealed: SealedData } | { clear: string })>> {
    const person = fold(Person, (await this.store.readStream(streamIdOf(Person, personKey))).map((e) => envelopeOf(e)) as never);
    const found: Array<{ auxiliaryId: string; injuryId: string } & ({ sealed: SealedData } | { clear: string })> = [];
    for (const auxiliaryId of auxiliaryIdsOf(person)) {
      for (const event of await this.store.readStream(streamIdOf(Auxiliary, auxiliaryId))) {
        if (event.type !== 'InjuryMedicalDetailsRecorded') continue;
        const data = event.data as Parameters<typeof isSealedMedicalDetails>[0];
        found.push(isSealedMedicalDetails(data) ? { auxiliaryId, injuryId: data.injuryId, sealed: data.sealed } : { auxiliaryId, injuryId: data.injuryId, clear: data.medicalDetails });
      }
    }
    return found;
  }

  /** The health checks on the person's auxiliary records, the category sealed (version 2) or in clear (version 1). Nothing is opened here. */
  async healthChecksOf(personKey: string): Promise<Array<{ auxiliaryId: string; checkedOn: string } & ({ sealed: SealedData } | { clear: string })>> {
    const person = fold(Person, (await this.store.readStream(streamIdOf(Person, personKey))).map((e) => envelopeOf(e)) as never);
    const found: Array<{ auxiliaryId: string; checkedOn: string } & ({ sealed: SealedData } | { clear: string })> = [];
    for (const auxiliaryId of auxiliaryIdsOf(person)) {
      for (const event of await this.store.readStream(streamIdOf(Auxiliary, auxiliaryId))) {
        if (event.type !== 'HealthCheckRecorded') continue;
        const data = event.data as Parameters<typeof isSealedHealthCheck>[0];
        found.push(isSealedHealthCheck(data) ? { auxiliaryId, checkedOn: data.checkedOn, sealed: data.sealedResult } : { auxiliaryId, checkedOn: data.checkedOn, clear: data.result });
      }
    }
    return found;
  }

  /**
   * The organs the person serves or served in, one per auxiliary record (its
   * using organ as the record stands): the employer's operators manage the
   * person's file, so they may ask to read it, as the organs that registered
   * the identity may.
   */
  async servingOrgansOf(personKey: string): Promise<string[]> {
    const person = fold(Person, (await this.store.readStream(streamIdOf(Person, personKey))).map((e) => envelopeOf(e)) as never);
    const organs = new Set<string>();
    for (const auxiliaryId of auxiliaryIdsOf(person)) {
      const state = fold(Auxiliary, (await this.store.readStream(streamIdOf(Auxiliary, auxiliaryId))).map((e) => envelopeOf(e)) as never);
      if (isHired(state)) organs.add(state.service.usingOrganId);
    }
    return [...organs];
  }

  /** The identity record as the log holds it (ciphertext), folded. */
  async identityOf(personKey: string): Promise<PersonIdentityState> {
    const events = await this.store.readStream(streamIdOf(PersonIdentity, personKey));
    return fold(PersonIdentity, events.map((e) => envelopeOf(e)) as never);
  }
}

/** The vault's refusals in the API's one error shape: a number refused is a 400, never echoing it. */
export function identityError(error: unknown): unknown {
  if (error instanceof NationalIdRefused) return new AppError('INVALID_INPUT', error.code, error.messages, error.details);
  if (error instanceof IdentityError && error.code === 'ACCESS_REASON_REQUIRED') return new AppError('INVALID_INPUT', error.code, error.messages);
  return error;
}
