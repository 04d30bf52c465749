import type { IssueCredential } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, OneOf, Text } from '../shared/dto-fields';

export class IssueCredentialRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @OneOf(['WORK_ID', 'UNIFORM', 'INSIGNIA'] as const, 'WORK_ID', { description: '工作证件、服装、标识 (Art. 37 ¶1)' })
  kind!: IssueCredential['data']['kind'];

  @Text('NMG-FJ-000123', { max: 128 })
  serial!: string;

  static toData(b: IssueCredentialRequestDto): IssueCredential['data'] {
    return { auxiliaryId: b.auxiliaryId, kind: b.kind, serial: b.serial };
  }
}
