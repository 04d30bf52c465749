import { ApiResponse } from '@nestjs/swagger';
import { defineQueryEndpoint } from '../shared/define-query-endpoint';
import { ErrorBodyDto } from '../../errors/error-body.dto';
import { GetStreamEvents, GetStreams, STREAMS_ANSWER, STREAM_EVENTS_ANSWER } from './streams.query';
import { StreamEventsRequestDto, StreamParamsDto, StreamsRequestDto } from './streams.request.dto';

export const STREAMS_ENDPOINT = defineQueryEndpoint({
  query: GetStreams,
  path: 'api/streams',
  operationId: 'streams',
  roles: ['admin', 'auditor'],
  request: StreamsRequestDto,
  summary: '记录流 The streams of the log, by id prefix',
  description: 'Each stream with its kind, event count, last revision, type and global position, first and last recorded; keyset paging by stream id. Admins and auditors.',
  answer: { schema: STREAMS_ANSWER, description: '记录流 A page of streams' },
});

export const STREAM_EVENTS_ENDPOINT = defineQueryEndpoint({
  query: GetStreamEvents,
  path: 'api/streams/:streamId/events',
  operationId: 'streamEvents',
  roles: ['admin', 'auditor'],
  request: StreamEventsRequestDto,
  pathParams: StreamParamsDto,
  summary: '记录流事件 One stream\'s events in order, with metadata and hash chain',
  description:
    'Each event with its data, command, actor, rule-set revision, effective date, recorded at, global position, hash and the previous hash, read from the log. ' +
    'Identities are ciphertext in the log; health data, the free text of disciplinary decisions and suspensions, and applicants\' dates of birth are withheld (`withheld` names them). Admins and auditors.',
  answer: { schema: STREAM_EVENTS_ANSWER, description: '记录流事件 A page of the stream’s events' },
  responses: [ApiResponse({ status: 404, type: ErrorBodyDto, description: 'STREAM_NOT_FOUND' })],
});
