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
  @ApiResponse({ status: 200, description: 'The checkpoint and the verifier key' })
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
  @ApiResponse({ status: 200, description: 'The event, its leaf, the proof, the root and the checkpoint' })
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
  @ApiResponse({ status: 200, description: 'The last run and the latest checkpoint' })
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
