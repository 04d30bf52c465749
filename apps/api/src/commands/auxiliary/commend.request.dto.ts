import type { Commend } from '@auxledger/domain';
import { CommandRequestDto } from '../shared/command-request.dto';
import { Id, Text } from '../shared/dto-fields';

export class CommendRequestDto extends CommandRequestDto {
  @Id('aux-0001')
  auxiliaryId!: string;

  @Id('com-0001')
  commendationId!: string;

  @Text('个人三等功', { max: 200 })
  title!: string;

  @Text('呼和浩特市公安局', { max: 200, description: 'Who grants it (Art. 9: 按照国家和自治区有关规定)' })
  grantingAuthority!: string;

  static toData(b: CommendRequestDto): Commend['data'] {
    return { auxiliaryId: b.auxiliaryId, commendationId: b.commendationId, title: b.title, grantingAuthority: b.grantingAuthority };
  }
}
