import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Clock, type RetentionListing, listRetention } from '@auxledger/application';
import type { EventStore } from '@auxledger/event-store';
import type { RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { Roles } from '../auth/principal';
import { DateField } from '../commands/shared/dto-fields';
import { CLOCK, EVENT_STORE, RULE_SETS } from '../infrastructure/tokens';
import { todayInShanghai } from '../time/today-in-shanghai';
import { BILINGUAL, QueryAnswer, arrayOf, boolean, codes, counts, date, integer, json, nullable, object, text } from '../openapi/answer-schema';

const RETENTION_STATUSES = ['NO_IDENTITY', 'SHREDDED', 'NOT_HIRED', 'IN_SERVICE', 'KEPT', 'HELD', 'DUE'] as const;
const BASIS = nullable(
  object(
    { parameter: codes(['personalData.retentionYearsAfterDeparture']), value: integer('Years after departure'), source: text('Where it is set'), isDefault: boolean('The statute’s default') },
    { description: '保存期限 The retention parameter in force, with its source' },
  ),
);
const REVIEW = object({
  personKey: text(),
  status: codes(RETENTION_STATUSES),
  auxiliaryIds: arrayOf(text(), 'Every auxiliary record the person had'),
  lastDepartedOn: nullable(date()),
  lastRegisteredOn: nullable(date()),
  keptFrom: nullable(date('The later of the last departure and the last registration')),
  dueOn: nullable(date('保存期满 Due for shredding on')),
  holds: arrayOf(
    object({ code: text('Why held'), auxiliaryId: text(), ref: text('The complaint, compensation or credential serial that holds'), citation: json('The clause (law, revision, article …)'), citationText: BILINGUAL, message: BILINGUAL }),
    '暂缓 What holds the shredding, each with its clause',
  ),
  keyId: nullable(text('The data key the identity is sealed under')),
  basis: BASIS,
});
const RETENTION_DUE_ANSWER = object(
  {
    on: date('Judged as of'),
    basis: BASIS,
    counts: counts('People with an identity record, by status'),
    due: arrayOf(REVIEW, '到期 Due for shredding'),
    held: arrayOf(REVIEW, '暂缓 Held, and why'),
  },
  { title: 'RetentionDueAnswer' },
);

export class RetentionDueQueryDto {
  @DateField('2026-12-01', { optional: true, description: 'Judge as of this day (default today in China)' })
  on?: string;
}

/**
 * Who is due for the shredding of their personal data, and who is held and
 * why (ADR 0006) — what `auxledger retention --dry-run` lists, judged from
 * the log by the same rule (`personalData.retentionYearsAfterDeparture`, the
 * parameter with its source). No personal data: person keys, auxiliary ids,
 * dates, data-key ids and the holds with their clauses. Admins and auditors.
 */
@ApiTags('people')
@ApiBearerAuth()
@Controller('api/retention')
export class RetentionHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('due')
  @QueryAnswer(RETENTION_DUE_ANSWER, '个人信息保存期限 Who is due, who is held')
  @Roles('admin', 'auditor')
  @ApiOperation({
    operationId: 'retentionDue',
    summary: '个人信息保存期限届满者 Who is due for shredding, and who is held',
    description: 'Judged from the log as of `on`: the retention parameter with its source, counts by status, those due, those held with each hold’s clause (Art. 38 ¶2, 42 ¶3, 37 ¶3). Nothing is written; the CLI’s `auxledger retention` shreds.',
  })
  async due(@Query() query: RetentionDueQueryDto): Promise<RetentionListing> {
    const { reviews: _reviews, ...listing } = await listRetention(this.store, this.registry, query.on ?? todayInShanghai(this.clock));
    return listing;
  }
}
