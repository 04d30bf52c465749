import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@auxledger/application';
import type { PersonIdentityState } from '@auxledger/domain';
import { IDENTITY_FIELDS, type AccessRecord, type IdentityField, type IdentityRecord, type MaskedIdentity, type Reader } from '@auxledger/identity';
import { ArrayMinSize } from 'class-validator';
import { ReadAccess } from '../access/read-access';
import { CurrentPrincipal, type Principal, Roles } from '../auth/principal';
import { Id, ManyOf, Text } from '../commands/shared/dto-fields';
import { AppError } from '../errors/app-error';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { CLOCK } from '../infrastructure/tokens';
import { IdentityService, identityError } from './identity.service';

export class PersonKeyParamsDto {
  @Id('pkh-3f9a0c…')
  personKey!: string;
}

export class DisclosureRequestDto {
  @ManyOf(IDENTITY_FIELDS, ['idNumber'], { description: 'The fields wanted in clear' })
  @ArrayMinSize(1)
  fields!: IdentityField[];

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
  ): Promise<{ personKey: string; status: 'READABLE' | 'SHREDDED'; fields: Partial<IdentityRecord> | null }> {
    const { state, reader } = await this.readable(personKey, principal);
    const fields = await this.identity.vault.readClear(personKey, state.sealed, reader, this.clock.now(), body.fields, body.reason).catch((e: unknown) => {
      throw identityError(e);
    });
    return { personKey, status: fields === 'SHREDDED' ? 'SHREDDED' : 'READABLE', fields: fields === 'SHREDDED' ? null : fields };
  }

  @Get(':personKey/access-records')
  @Roles('admin', 'auditor')
  @ApiOperation({ operationId: 'identityAccessRecords', summary: '查阅记录 Who read this person’s data', description: 'Every read of the identity: who (API key, role, organ), when, which fields, masked or in clear, why.' })
  async accessRecords(@Param() { personKey }: PersonKeyParamsDto, @CurrentPrincipal() principal: Principal): Promise<{ personKey: string; records: AccessRecord[] }> {
    await this.readable(personKey, principal);
    return { personKey, records: await this.identity.vault.accessRecords({ personKey }) };
  }

  @Post(':personKey/shred')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    operationId: 'shredIdentity',
    summary: '销毁数据密钥 Erase a person’s data key (crypto-shredding)',
    description: 'The person’s personal data becomes unreadable everywhere — log, read models, exports, backups of the log — while the log still verifies. Irreversible.',
  })
  async shred(@Param() { personKey }: PersonKeyParamsDto, @Body() body: ShredRequestDto): Promise<{ personKey: string; shredded: number }> {
    await this.recorded(personKey);
    const { shredded } = await this.identity.vault.shred(personKey, this.clock.now(), body.reason);
    return { personKey, shredded };
  }

  private async recorded(personKey: string): Promise<Extract<PersonIdentityState, { status: 'RECORDED' }>> {
    const state = await this.identity.identityOf(personKey);
    if (state.status !== 'RECORDED') throw notFound(personKey);
    return state;
  }

  /** The record, if this principal may read it, and the reader as recorded: an operator reads as the granted organ covering one of the record's organs. */
  private async readable(personKey: string, principal: Principal): Promise<{ state: Extract<PersonIdentityState, { status: 'RECORDED' }>; reader: Reader }> {
    const state = await this.recorded(personKey);
    let organId: string | null = null;
    if (principal.role === 'operator') {
      for (const candidate of state.organIds) {
        if (await this.readAccess.mayRead(principal, candidate)) {
          organId = candidate;
          break;
        }
      }
      if (organId === null) throw notFound(personKey);
    }
    return { state, reader: { keyId: principal.keyId, role: principal.role, organId } };
  }
}

function notFound(personKey: string): AppError {
  return new AppError('NOT_FOUND', 'IDENTITY_NOT_FOUND', { zh: `无身份记录 ${personKey}`, en: `No identity recorded under ${personKey}` }, { personKey });
}
