import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { ErrorBodyDto } from '../../errors/error-body.dto';
import { QueryEndpoint } from '../shared/query-endpoint';
import { QueryAnswer } from '../../openapi/answer-schema';
import { GetStreamEvents, GetStreams, STREAMS_ANSWER, STREAM_EVENTS_ANSWER, type StreamEventsAnswer, type StreamsAnswer } from './streams.query';
import { StreamEventsRequestDto, StreamParamsDto, StreamsRequestDto } from './streams.request.dto';

/** The stream browser: any record's events as the log holds them (admins and auditors, who read every organ). */
@QueryEndpoint()
@Controller('api/streams')
export class StreamsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    operationId: 'streams',
    summary: '记录流 The streams of the log, by id prefix',
    description: 'Each stream with its kind, event count, last revision, type and global position, first and last recorded; keyset paging by stream id. Admins and auditors.',
  })
  @QueryAnswer(STREAMS_ANSWER, '记录流 A page of streams')
  streams(@Query() query: StreamsRequestDto, @CurrentPrincipal() principal: Principal): Promise<StreamsAnswer> {
    return this.queryBus.execute(new GetStreams(query, principal));
  }

  @Get(':streamId/events')
  @Roles('admin', 'auditor')
  @ApiOperation({
    operationId: 'streamEvents',
    summary: '记录流事件 One stream\'s events in order, with metadata and hash chain',
    description:
      'Each event with its data, command, actor, rule-set revision, effective date, recorded at, global position, hash and the previous hash, read from the log. ' +
      'Identities are ciphertext in the log; health data, the free text of disciplinary decisions and suspensions, and applicants\' dates of birth are withheld (`withheld` names them). Admins and auditors.',
  })
  @ApiResponse({ status: 404, type: ErrorBodyDto, description: 'STREAM_NOT_FOUND' })
  @QueryAnswer(STREAM_EVENTS_ANSWER, '记录流事件 A page of the stream’s events')
  events(@Param() { streamId }: StreamParamsDto, @Query() query: StreamEventsRequestDto, @CurrentPrincipal() principal: Principal): Promise<StreamEventsAnswer> {
    return this.queryBus.execute(new GetStreamEvents({ ...query, streamId }, principal));
  }
}
