import type { AnnounceRecruitment } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, IdList, Text } from '../shared/dto-fields';

export class AnnounceRecruitmentRequestDto extends CommandRequestDto {
  @Id('plan-2024-hohhot')
  planId!: string;

  @Text('呼公招〔2024〕1号公告', { max: 200 })
  announcementRef!: string;

  @IdList(['xincheng'], { description: 'Exactly the organs the plan recruits for (QUOTA-PLAN is judged again in each)' })
  organIds!: string[];

  static toData(b: AnnounceRecruitmentRequestDto): AnnounceRecruitment['data'] {
    return { planId: b.planId, announcementRef: b.announcementRef, organIds: [...b.organIds] };
  }
}
