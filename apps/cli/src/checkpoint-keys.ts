import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEFAULT_LOG_ORIGIN,
  type ParsedNote,
  type SignerKey,
  type VerifierKey,
  defaultSigningKeyPath,
  isEventStoreError,
  parseVerifierKey,
  readSigningKey,
  verifyCheckpoint,
} from '@auxledger/event-store';
import { CliError, UsageError } from './cli-error';
import type { LogLocation } from './open-log';
import type { Output } from './output';

/** Where the deployment's signing key is, and the log's name (as the API reads them). */
export interface SigningKeyOptions {
  /** The key file (default AUXLEDGER_SIGNING_KEY, else beside the SQLite log: `<name>.signing.key`). */
  signingKey?: string;
  /** The log's origin, the key's name (default AUXLEDGER_LOG_ORIGIN, else auxledger.local/log). */
  origin?: string;
}

export const logOrigin = (options: SigningKeyOptions): string => options.origin ?? (process.env['AUXLEDGER_LOG_ORIGIN'] || DEFAULT_LOG_ORIGIN);

export const signingKeyPath = (options: SigningKeyOptions & LogLocation): string =>
  resolve(options.signingKey ?? (process.env['AUXLEDGER_SIGNING_KEY'] || defaultSigningKeyPath(options.db ?? null)));

/** The deployment's signing key, which must exist (the API creates it on its first start). */
export function loadSigner(options: SigningKeyOptions & LogLocation): SignerKey {
  const path = signingKeyPath(options);
  if (!existsSync(path)) {
    throw new CliError('NO_SIGNING_KEY', {
      zh: `没有签名密钥 ${path}：API 首次启动时创建；或以 --signing-key 指定`,
      en: `no signing key at ${path}: the API creates it on its first start; or name it with --signing-key`,
    });
  }
  try {
    return readSigningKey(path, logOrigin(options));
  } catch (error) {
    throw bilingual(error);
  }
}

/**
 * The verifier keys checkpoints are checked with: `--key` (a key
 * `<name>+<id>+<key>`, or a file of them, one a line), else
 * AUXLEDGER_VERIFIER_KEY, else the public half of the deployment's own key
 * file, said so on stderr — an auditor passes the key kept apart.
 */
export function verifierKeys(options: SigningKeyOptions & LogLocation & { key?: string[] }, io: Output): VerifierKey[] {
  const given = options.key ?? (process.env['AUXLEDGER_VERIFIER_KEY'] ? [process.env['AUXLEDGER_VERIFIER_KEY']] : []);
  if (given.length > 0) {
    return given.flatMap((value) => {
      const texts = value.includes('+') && !existsSync(value) ? [value] : readLines(value);
      return texts.map((text) => {
        try {
          return parseVerifierKey(text);
        } catch (error) {
          throw new UsageError('INVALID_VERIFIER_KEY', { zh: `--key ${value}：${(error as { messages?: { zh: string } }).messages?.zh ?? ''}`, en: `--key ${value}: ${(error as Error).message}` });
        }
      });
    });
  }
  const path = signingKeyPath(options);
  if (!existsSync(path)) {
    throw new UsageError('NO_VERIFIER_KEY', {
      zh: '须以 --key 指定验证签名的公钥（auxledger signing-key 或 GET /api/log/checkpoint 给出），或 AUXLEDGER_VERIFIER_KEY',
      en: 'name the public key to check signatures with: --key (as `auxledger signing-key` or GET /api/log/checkpoint gives it), or AUXLEDGER_VERIFIER_KEY',
    });
  }
  const signer = loadSigner(options);
  io.err(`checking signatures with the public key of ${path} (${signer.text}); an auditor passes the key kept apart with --key\n`);
  return [signer];
}

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
  } catch (error) {
    throw new UsageError('INVALID_VERIFIER_KEY', { zh: `无法读取公钥文件 ${path}：${(error as Error).message}`, en: `cannot read the key file ${path}: ${(error as Error).message}` });
  }
}

/** A signed checkpoint file, its signature checked: refused as such when altered (CHECKPOINT_BAD_SIGNATURE). */
export function readSignedCheckpoint(path: string, keys: readonly VerifierKey[]): ParsedNote & { signedBy: VerifierKey; file: string } {
  const note = readCheckpointFile(path);
  try {
    return { ...verifyCheckpoint(note, keys), file: path };
  } catch (error) {
    if (!isEventStoreError(error)) throw error;
    throw new CliError(error.code, { zh: `${path}：${error.messages.zh}`, en: `${path}: ${error.message}` });
  }
}

export function readCheckpointFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError('CHECKPOINT_UNREADABLE', { zh: `无法读取检查点 ${path}：${(error as Error).message}`, en: `cannot read the checkpoint ${path}: ${(error as Error).message}` });
  }
}

/** An event-store error (codes and both languages) as the CLI prints it. */
export function bilingual(error: unknown): unknown {
  return isEventStoreError(error) ? new CliError(error.code, error.messages) : error;
}
