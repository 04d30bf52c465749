import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import type { PersonIdentityState } from '@auxledger/domain';
import { HEALTH_PURPOSE, IDENTITY_FIELDS, IdentityError, MEDICAL_PURPOSE, type AccessRecord, type IdentityField, type IdentityRecord, type MaskedIdentity, type Reader } from '@auxledger/identity';
import { ArrayMinSize } from 'class-validator';
import { ReadAccess } from '../access/read-access';
import { CurrentPrincipal, type Principal, Roles } from '../auth/principal';
import { QueryAnswer, arrayOf, codes, integer, nullable, object, text } from '../openapi/answer-schema';
import { Id, ManyOf, Text } from '../commands/shared/dto-fields';
import { AppError } from '../errors/app-error';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { CLOCK } from '../infrastructure/tokens';
import { IdentityService, identityError } from './identity.service';

export class PersonKeyParamsDto {
  @Id('pkh-3f9a0c…')
  personKey!: string;
}

/** What a disclosure may ask for: the identity's fields, and the medical details of the person's injuries (ADR 0006). */
export const DISCLOSABLE_FIELDS = [...IDENTITY_FIELDS, 'medicalDetails', 'healthCheckResults'] as const;
export type DisclosableField = (typeof DISCLOSABLE_FIELDS)[number];

/** One injury's medical details as disclosed: in clear, or SHREDDED; `sealed: false` for one recorded in clear before sealing existed. */
export interface DisclosedMedicalDetails {
  auxiliaryId: string;
  injuryId: string;
  medicalDetails: string | 'SHREDDED';
  sealed: boolean;
}

/** One health check's result category as disclosed; `sealed: false` for one recorded in clear before sealing existed. */
export interface DisclosedHealthCheck {
  auxiliaryId: string;
  checkedOn: string;
  result: string | 'SHREDDED';
  sealed: boolean;
}

export class DisclosureRequestDto {
  @ManyOf(DISCLOSABLE_FIELDS, ['idNumber'], { description: 'The fields wanted in clear; `medicalDetails`: those of every injury on the person’s records; `healthCheckResults`: the category of every health check (health data, PIPL Art. 28)' })
  @ArrayMinSize(1)
  fields!: DisclosableField[];

  @Text('核对社会保险登记', { max: 500, description: 'Why: recorded with the read, for auditors (PIPL Art. 51; ASVS V16)' })
  reason!: string;
}

export class ShredRequestDto {
  @Text('保存期限届满', { max: 500, description: 'Why the key is erased (retention ended, erasure asked for…)' })
  reason!: string;
}

class IdentityAnswerDto {
  @ApiProperty() personKey!: string;
  @ApiProperty({ enum: ['READABLE', 'SHREDDED'] }) status!: 'READABLE' | 'SHREDDED';
  @ApiProperty({ nullable: true, description: 'name, gender, idNumberMasked (1501**********123X), nationality; null when shredded' }) identity!: MaskedIdentity | null;
  @ApiProperty({ type: [String], description: 'The organs whose registrations gave the identity' }) organIds!: string[];
}

const error = (status: number, description: string) => ApiResponse({ status, description, type: ErrorBodyDto });

/**
 * One person's identity record, by role (ADR 0006). Operators in the subtree
 * of an organ that took it, and admins: the name, the gender, the ID number
 * masked, the nationality — or, asked for explicitly with a reason, the
 * fields in clear. Auditors: the masked record and who read it (access
 * records). Viewers: never. Every read of a person's data is recorded.
 * An operator outside its organs gets the answer for an unknown person, word
 * for word (404 IDENTITY_NOT_FOUND).
 */
@ApiTags('people')
@ApiBearerAuth()
@error(401, 'No valid API key')
@error(403, 'ROLE_NOT_ALLOWED')
@error(404, 'IDENTITY_NOT_FOUND: no identity recorded under this key, or none this operator may read')
@Controller('api/identities')
export class IdentityHttpController {
  constructor(
    private readonly identity: IdentityService,
    private readonly readAccess: ReadAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':personKey')
  @Roles('admin', 'operator', 'auditor')
  @ApiOperation({ operationId: 'identity', summary: '身份信息（脱敏） A person’s identity, masked', description: 'The read is recorded (who, when, which fields).' })
  @ApiResponse({ status: 200, type: IdentityAnswerDto })
  async masked(@Param() { personKey }: PersonKeyParamsDto, @CurrentPrincipal() principal: Principal): Promise<IdentityAnswerDto> {
    const { state, reader } = await this.readable(personKey, principal);
    const identity = await this.identity.vault.readMasked(personKey, state.sealed, reader, this.clock.now());
    return { personKey, status: identity === 'SHREDDED' ? 'SHREDDED' : 'READABLE', identity: identity === 'SHREDDED' ? null : identity, organIds: state.organIds };
  }

  @Post(':personKey/disclosures')
  @HttpCode(200)
  @Roles('admin', 'operator')
  @ApiOperation({
    operationId: 'discloseIdentity',
    summary: '查看完整身份信息 Read identity fields in clear',
    description: 'Only the fields asked for, with the reason; the access record is written before the answer. Auditors and viewers: 403.',
  })
  async disclose(
    @Param() { personKey }: PersonKeyParamsDto,
    @Body() body: DisclosureRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ personKey: string; status: 'READABLE' | 'SHREDDED'; fields: (Partial<IdentityRecord> & { medicalDetails?: DisclosedMedicalDetails[]; healthCheckResults?: DisclosedHealthCheck[] }) | null }> {
    const asked = body.fields.filter((f): f is IdentityField => f !== 'medicalDetails' && f !== 'healthCheckResults');
    // Only sealed health data asked for: a person recorded without an identity (a service found on record) has it too, read for their serving organs.
    const { state, reader } = asked.length > 0 ? await this.readable(personKey, principal) : await this.readableSensitive(personKey, principal);
    const now = this.clock.now();
    const fail = (e: unknown) => {
      throw identityError(e);
    };
    if (!body.reason.trim()) fail(new IdentityError('ACCESS_REASON_REQUIRED', { zh: '查看完整个人信息须说明理由', en: 'A reason is required to read personal data in clear' }));
    const identity = asked.length > 0 && state ? await this.identity.vault.readClear(personKey, state.sealed, reader, now, asked, body.reason).catch(fail) : {};
    let medicalDetails: DisclosedMedicalDetails[] | undefined;
    /** Every sealed item opened for this read: all SHREDDED (and at least one) means the key is gone. */
    const openedSealed: Array<{ value: unknown }> = [];
    if (body.fields.includes('medicalDetails')) {
      const found = await this.identity.medicalDetailsOf(personKey);
      const sealed = found.flatMap((f) => ('sealed' in f ? [{ ref: f.injuryId, sealed: f.sealed }] : []));
      // One access record for the read (fields `medical:<injury>`), written before anything is opened; those recorded in clear before sealing are named in it too.
      const opened = await this.identity.vault.readSensitiveClear<string>(personKey, MEDICAL_PURPOSE, sealed, reader, now, body.reason, found.flatMap((f) => ('clear' in f ? [f.injuryId] : []))).catch(fail);
      const byInjury = new Map((opened ?? []).map((o) => [o.ref, o.value]));
      openedSealed.push(...(opened ?? []));
      medicalDetails = found.map((f) => ({ auxiliaryId: f.auxiliaryId, injuryId: f.injuryId, medicalDetails: 'sealed' in f ? (byInjury.get(f.injuryId) ?? 'SHREDDED') : f.clear, sealed: 'sealed' in f }));
    }
    let healthCheckResults: DisclosedHealthCheck[] | undefined;
    if (body.fields.includes('healthCheckResults')) {
      const found = await this.identity.healthChecksOf(personKey);
      const sealed = found.flatMap((f) => ('sealed' in f ? [{ ref: `${f.auxiliaryId}:${f.checkedOn}`, sealed: f.sealed }] : []));
      const opened = await this.identity.vault.readSensitiveClear<string>(personKey, HEALTH_PURPOSE, sealed, reader, now, body.reason, found.flatMap((f) => ('clear' in f ? [`${f.auxiliaryId}:${f.checkedOn}`] : []))).catch(fail);
      const byDate = new Map((opened ?? []).map((o) => [o.ref, o.value]));
      openedSealed.push(...(opened ?? []));
      healthCheckResults = found.map((f) => ({ auxiliaryId: f.auxiliaryId, checkedOn: f.checkedOn, result: 'sealed' in f ? (byDate.get(`${f.auxiliaryId}:${f.checkedOn}`) ?? 'SHREDDED') : f.clear, sealed: 'sealed' in f }));
    }
    // Shredded: the identity asked for, or (only sensitive data asked) every sealed item, no longer opens.
    const shredded = identity === 'SHREDDED' || (asked.length === 0 && openedSealed.length > 0 && openedSealed.every((o) => o.value === 'SHREDDED'));
    const sensitive = { ...(medicalDetails ? { medicalDetails } : {}), ...(healthCheckResults ? { healthCheckResults } : {}) };
    const fields = identity === 'SHREDDED' ? (medicalDetails || healthCheckResults ? sensitive : null) : { ...(identity ?? {}), ...sensitive };
    return { personKey, status: shredded ? 'SHREDDED' : 'READABLE', fields };
  }

  @Get(':personKey/access-records')
  @QueryAnswer(
    object(
      {
        personKey: text(),
        records: arrayOf(
          object({
            seq: integer(),
            personKey: text(),
            at: text('When (ISO-8601)'),
            actorKeyId: text('The API key that read'),
            actorRole: text(),
            organId: nullable(text('The organ it read as (an operator’s grant); null for region-wide roles')),
            fields: arrayOf(text(), 'The fields read'),
            disclosure: codes(['MASKED', 'CLEAR', 'SHREDDED'], 'MASKED: the ID number masked; CLEAR: asked for in clear; SHREDDED: the key erased, nothing read'),
            reason: nullable(text('Why (a disclosure’s reason)')),
          }),
          '查阅记录 Every read of this person’s data, in order',
        ),
      },
      { title: 'AccessRecordsAnswer' },
    ),
    '查阅记录 Who read this person’s data',
  )
  @Roles('admin', 'auditor')
  @ApiOperation({ operationId: 'identityAccessRecords', summary: '查阅记录 Who read this person’s data', description: 'Every read of the identity: who (API key, role, organ), when, which fields, masked or in clear, why.' })
  async accessRecords(@Param() { personKey }: PersonKeyParamsDto, @CurrentPrincipal() principal: Principal): Promise<{ personKey: string; records: AccessRecord[] }> {
    // A person recorded without an identity has access records too (reads of their sealed health data).
    await this.readableSensitive(personKey, principal);
    return { personKey, records: await this.identity.vault.accessRecords({ personKey }) };
  }

  /**
   * Replaced (ADR 0006): erasing a key here recorded no event, so the log
   * could not say when or why a person's data was shredded. The shredding
   * goes through the command path, `POST /api/commands/shred-personal-data`
   * (ShredPersonalData judged, PersonalDataShredded recorded, then the key
   * erased). This path erases nothing and answers 410 with that pointer.
   */
  @Post(':personKey/shred')
  @HttpCode(410)
  @Roles('admin')
  @ApiOperation({
    operationId: 'shredIdentity',
    deprecated: true,
    summary: '已停用：请用 shred-personal-data Gone: use POST /api/commands/shred-personal-data',
    description: 'Erases nothing: 410 SHRED_MOVED. A person’s data key is shredded through the command path, POST /api/commands/shred-personal-data, which records PersonalDataShredded (ADR 0006).',
  })
  @ApiResponse({ status: 410, description: 'SHRED_MOVED: use POST /api/commands/shred-personal-data', type: ErrorBodyDto })
  shred(@Param() { personKey }: PersonKeyParamsDto, @Body() _body: ShredRequestDto): { error: { code: string; message: { zh: string; en: string }; details: Record<string, string> } } {
    return {
      error: {
        code: 'SHRED_MOVED',
        message: {
          zh: '此路径已停用，未销毁任何密钥：请用 POST /api/commands/shred-personal-data（记录 PersonalDataShredded 后销毁数据密钥）',
          en: 'This path is gone and erased nothing: use POST /api/commands/shred-personal-data (records PersonalDataShredded, then erases the data key)',
        },
        details: { use: 'POST /api/commands/shred-personal-data', personKey },
      },
    };
  }

  private async recorded(personKey: string): Promise<Extract<PersonIdentityState, { status: 'RECORDED' }>> {
    const state = await this.identity.identityOf(personKey);
    if (state.status !== 'RECORDED') throw notFound(personKey);
    return state;
  }

  /**
   * The record, if this principal may read it, and the reader as recorded: an operator reads as the granted organ
   * covering one of the record's organs or an organ the person serves in (their employer manages their file).
   */
  private async readable(personKey: string, principal: Principal): Promise<{ state: Extract<PersonIdentityState, { status: 'RECORDED' }>; reader: Reader }> {
    const state = await this.recorded(personKey);
    let organId: string | null = null;
    if (principal.role === 'operator') {
      // The serving organs (a read of the person's records) only when no registering organ is the operator's.
      organId = (await this.heldBy(principal, state.organIds)) ?? (await this.heldBy(principal, await this.identity.servingOrgansOf(personKey)));
      if (organId === null) throw notFound(personKey);
    }
    return { state, reader: { keyId: principal.keyId, role: principal.role, organId } };
  }

  /**
   * As `readable`, for a read of sealed health data only: with no identity
   * record (a service found on record, RecordExistingService, registers none)
   * the person's serving organs decide — an operator must hold one, and a
   * person serving nowhere is unknown to everyone (404).
   */
  private async readableSensitive(personKey: string, principal: Principal): Promise<{ state: Extract<PersonIdentityState, { status: 'RECORDED' }> | null; reader: Reader }> {
    if ((await this.identity.identityOf(personKey)).status === 'RECORDED') return this.readable(personKey, principal);
    const serving = await this.identity.servingOrgansOf(personKey);
    const organId = principal.role === 'operator' ? await this.heldBy(principal, serving) : null;
    if (serving.length === 0 || (principal.role === 'operator' && organId === null)) throw notFound(personKey);
    return { state: null, reader: { keyId: principal.keyId, role: principal.role, organId } };
  }

  /** The first of these organs the operator may read, or null. */
  private async heldBy(principal: Principal, organIds: readonly string[]): Promise<string | null> {
    for (const candidate of organIds) if (await this.readAccess.mayRead(principal, candidate)) return candidate;
    return null;
  }
}

function notFound(personKey: string): AppError {
  return new AppError('NOT_FOUND', 'IDENTITY_NOT_FOUND', { zh: `无身份记录 ${personKey}`, en: `No identity recorded under ${personKey}` }, { personKey });
}
