import type { CompletePublicNotice } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { DateField, Id } from '../shared/dto-fields';

export class CompletePublicNoticeRequestDto extends CommandRequestDto {
  @Id('app-0001')
  applicationId!: string;

  @DateField('2024-12-01', { description: 'Not before the inspection' })
  noticeFrom!: string;

  @DateField('2024-12-07', { description: 'The last day; the command is dated on or after it' })
  noticeUntil!: string;

  static toData(b: CompletePublicNoticeRequestDto): CompletePublicNotice['data'] {
    return { applicationId: b.applicationId, noticeFrom: b.noticeFrom, noticeUntil: b.noticeUntil };
  }
}
