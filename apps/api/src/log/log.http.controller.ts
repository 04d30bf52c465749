import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '../auth/principal';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { CheckpointService } from './checkpoint.service';
import { type CheckpointAnswer, GetInclusionProof, GetLatestCheckpoint, type InclusionProofAnswer } from './log.queries';
import { InclusionProofRequestDto } from './log.request.dto';
import { type VerificationStateAnswer, VerificationService } from './verification.service';
import type { VerificationRun } from './verification-runs';
import { QueryAnswer, arrayOf, boolean, codes, integer, nullable, object, text } from '../openapi/answer-schema';

const CHECKPOINT_ANSWER = object(
  {
    checkpoint: text('签名检查点 The signed note (C2SP tlog-checkpoint): keep it byte for byte'),
    origin: text('Its first line: the log’s name'),
    treeSize: integer('Events it covers'),
    rootHash: text('RFC 9162 root of the first treeSize events, base64'),
    signedAt: text('Signed at (ISO-8601)'),
    publicKey: text('The verifier key, <name>+<key id>+<base64 Ed25519 key>: compare it with the one you keep'),
  },
  { title: 'CheckpointAnswer' },
);

const CHECKPOINT_HEAD = object({ treeSize: integer(), rootHash: text('base64'), signedAt: text('ISO-8601') });

const VERIFICATION_STATE_ANSWER = object(
  {
    lastRun: nullable(
      object(
        {
          id: text(),
          startedAt: text('ISO-8601'),
          finishedAt: text('ISO-8601'),
          by: object({ keyId: text(), name: text(), role: text() }, { description: 'The API key that ran it' }),
          ok: boolean('核验通过 The log is intact'),
          headPosition: integer('The log’s last global position the run read'),
          eventsChecked: integer(),
          streamsChecked: integer(),
          treeSize: integer(),
          rootHash: text('The Merkle tree head as read (RFC 9162 root, base64)'),
          againstCheckpoint: nullable(object({ treeSize: integer(), rootHash: text(), signedAt: text(), matches: boolean() }, { description: 'The stored signed checkpoint checked against, or null' })),
          storedTree: codes(['compared', 'none'], 'Whether the store’s own Merkle tree was compared node by node'),
          problems: arrayOf(object({ kind: text(), message: text(), globalPosition: nullable(integer()), streamId: nullable(text()) }), 'Each break found (at most 100)'),
        },
        { description: 'The last run of POST /api/log/verify; null: none yet' },
      ),
    ),
    checkpoint: nullable({ ...CHECKPOINT_HEAD, description: 'The latest signed checkpoint the log holds; null: none yet' }),
  },
  { title: 'VerificationStateAnswer' },
);

const INCLUSION_PROOF_ANSWER = object(
  {
    event: object({ eventId: text(), globalPosition: integer(), streamId: text(), streamRevision: integer(), type: text(), hash: text() }, { description: 'The event proved' }),
    leafIndex: integer('0-based (global position − 1)'),
    treeSize: integer(),
    leafHash: text('SHA-256(0x00 ‖ the event hash), base64'),
    proof: arrayOf(text(), 'RFC 9162 §2.1.3 inclusion path, leaf side first, base64'),
    rootHash: text(),
    checkpoint: nullable(text('The signed checkpoint of treeSize events, when one is stored')),
    publicKey: text(),
  },
  { title: 'InclusionProofAnswer' },
);

/** The verifiable log (ADR 0005): signed checkpoints and inclusion proofs. */
@ApiTags('log')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto, description: 'No valid API key' })
@ApiResponse({ status: 403, type: ErrorBodyDto, description: 'ROLE_NOT_ALLOWED' })
@Controller('api/log')
export class LogHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly checkpoints: CheckpointService,
    private readonly verification: VerificationService,
  ) {}

  @Get('checkpoint')
  @ApiOperation({
    operationId: 'latestCheckpoint',
    summary: '签名检查点 The latest signed checkpoint of the log, and the public key it verifies with',
    description: 'A C2SP tlog-checkpoint signed note (origin, tree size, RFC 9162 root, time; Ed25519). Keep it outside the system; `auxledger verify --against` checks the log against it.',
  })
  @QueryAnswer(CHECKPOINT_ANSWER, 'The checkpoint and the verifier key')
  checkpoint(@CurrentPrincipal() principal: Principal): Promise<CheckpointAnswer> {
    return this.queryBus.execute(new GetLatestCheckpoint(principal));
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ operationId: 'signCheckpoint', summary: 'Sign a checkpoint of the log now (on demand)' })
  @ApiResponse({ status: 201, description: 'The new checkpoint and the verifier key' })
  async sign(): Promise<CheckpointAnswer> {
    const c = await this.checkpoints.writeNow();
    return { checkpoint: c.note, origin: c.note.slice(0, c.note.indexOf('\n')), treeSize: c.treeSize, rootHash: c.rootHash, signedAt: c.signedAt, publicKey: this.checkpoints.signer.text };
  }

  @Get('proofs/inclusion')
  @Roles('admin', 'auditor')
  @ApiOperation({
    operationId: 'inclusionProof',
    summary: '包含证明 An RFC 9162 inclusion proof that one event is in the log a signed checkpoint covers',
    description: 'By event id or global position; against the latest signed checkpoint (a new one is signed when the event came after it), or `treeSize`. Auditors and admins.',
  })
  @QueryAnswer(INCLUSION_PROOF_ANSWER, 'The event, its leaf, the proof, the root and the checkpoint')
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'VALIDATION_FAILED, TREE_SIZE_OUT_OF_RANGE' })
  @ApiResponse({ status: 404, type: ErrorBodyDto, description: 'EVENT_NOT_FOUND' })
  inclusion(@Query() query: InclusionProofRequestDto, @CurrentPrincipal() principal: Principal): Promise<InclusionProofAnswer> {
    return this.queryBus.execute(new GetInclusionProof(query, principal));
  }

  @Get('verification')
  @Roles('admin', 'auditor')
  @ApiOperation({
    operationId: 'logVerification',
    summary: '核验状态 The verification state: the last verification the API ran, and the latest signed checkpoint',
    description: 'The last run of `POST /api/log/verify` (when, by which key, the result, the head and tree verified, each break found), or null; the latest signed checkpoint the log holds (size, root, when). Auditors and admins.',
  })
  @QueryAnswer(VERIFICATION_STATE_ANSWER, 'The last run and the latest checkpoint')
  verificationState(): Promise<VerificationStateAnswer> {
    return this.verification.state();
  }

  @Post('verify')
  @HttpCode(201)
  @Roles('admin', 'auditor')
  @ApiOperation({
    operationId: 'verifyLog',
    summary: '核验记录库 Verify the log now and record the run',
    description:
      'As `auxledger verify`: every event hash and stream link, the log digest, the stored Merkle tree node by node, and the latest signed checkpoint (its signature first) — then the run is recorded. ' +
      '201 with the run, `ok: false` and each break when the log is not intact. Auditors and admins.',
  })
  @ApiResponse({ status: 201, description: 'The run recorded' })
  verify(@CurrentPrincipal() principal: Principal): Promise<VerificationRun> {
    return this.verification.verify(principal);
  }
}
