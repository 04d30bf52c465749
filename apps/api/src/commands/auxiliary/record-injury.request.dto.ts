import type { RecordInjury } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id, OneOf, Text } from '../shared/dto-fields';

export class RecordInjuryRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('inj-0001')
  injuryId!: string;

  @OneOf(['INJURY', 'DISABILITY', 'DEATH', 'MARTYR'] as const, 'INJURY', { description: 'Art. 32 ¶1–2' })
  kind!: RecordInjury['data']['kind'];

  @OneOf(['WORK_INJURY', 'MARTYRS', 'POLICE_ANALOGY'] as const, 'WORK_INJURY', {
    nullable: true,
    description: '工伤保险条例, 烈士褒扬条例, or Art. 32 ¶2 参照人民警察; without one the statute refuses',
  })
  legalBasis?: RecordInjury['data']['legalBasis'];

  @DateField('2025-02-10', { description: 'Between the hire and the effective date' })
  occurredOn!: string;

  @Text('工伤认定决定书2025-7', { max: 200 })
  determinationRef!: string;

  @Text('左臂骨折', { nullable: true, description: 'Health data (PIPL Art. 28): sealed under the person’s data key before the command is built, kept in its own event as ciphertext, read in clear only on a recorded disclosure (ADR 0006); null: none' })
  medicalDetails?: string | null;

  /** The command's data with the medical details still in clear: the endpoint seals them (apps/api/src/identity/record-injury.endpoint.ts). */
  static toData(b: RecordInjuryRequestDto): Omit<RecordInjury['data'], 'medicalDetails'> & { medicalDetails: string | null } {
    return {
      auxiliaryId: b.auxiliaryId,
      injuryId: b.injuryId,
      kind: b.kind,
      legalBasis: b.legalBasis ?? null,
      occurredOn: b.occurredOn,
      determinationRef: b.determinationRef,
      medicalDetails: b.medicalDetails ?? null,
    };
  }
}
