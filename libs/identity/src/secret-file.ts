import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { IdentityError } from './errors';

/**
 * A deployment secret: one file holding 32 random bytes in base64 and a
 * comment line naming what it is, readable by its owner only (0600), created
 * on first start when missing — as the checkpoint signing key is (ADR 0005,
 * ADR 0006). A file others may read, or one that does not hold 32 bytes, is
 * refused: the API does not start on it.
 */
export function loadOrCreateSecret(path: string, what: string): { secret: Buffer; created: boolean } {
  try {
    return { secret: readSecret(path, what), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32);
  try {
    // 'wx': two processes starting at once keep the first secret.
    writeFileSync(path, `# AuxLedger ${what}: keep it secret, keep a copy apart from the database (ADR 0006)\n${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { secret: readSecret(path, what), created: false };
  }
  chmodSync(path, 0o600);
  return { secret, created: true };
}

/** Writes a secret file as `loadOrCreateSecret` creates one (0600), replacing any: for a demo whose secrets come from its seed. */
export function writeSecretFile(path: string, what: string, secret: Buffer): void {
  if (secret.length !== 32) throw new Error(`${what}: a secret is 32 bytes`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `# AuxLedger ${what}: keep it secret, keep a copy apart from the database (ADR 0006)\n${secret.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Reads an existing secret file; ENOENT when there is none. */
export function readSecret(path: string, what: string): Buffer {
  const text = readFileSync(path, 'utf8');
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0 && process.platform !== 'win32') {
    throw new IdentityError(
      'SECRET_FILE_INVALID',
      { zh: `${what}文件 ${path} 可被他人读取（权限 ${mode.toString(8)}）：请 chmod 600`, en: `The ${what} file ${path} may be read by others (mode ${mode.toString(8)}): chmod 600 it` },
      { path },
    );
  }
  const line = text.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
  const secret = Buffer.from(line?.trim() ?? '', 'base64');
  if (secret.length !== 32) {
    throw new IdentityError('SECRET_FILE_INVALID', { zh: `${what}文件 ${path} 不含32字节的密钥`, en: `The ${what} file ${path} does not hold a 32-byte secret` }, { path });
  }
  return secret;
}
