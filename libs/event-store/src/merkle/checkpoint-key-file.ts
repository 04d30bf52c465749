import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventStoreError } from '../errors';
import { type SignerKey, generateSigningKeyPem, signerFromPem } from './checkpoint';

/**
 * The deployment's checkpoint signing key: one PKCS#8 PEM file (Ed25519),
 * readable by its owner only (0600), created on first start when missing
 * (ADR 0005). The key name is the log's origin.
 */
export function loadOrCreateSigningKey(path: string, name: string): { signer: SignerKey; created: boolean } {
  try {
    return { signer: readSigningKey(path, name), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true });
  const pem = generateSigningKeyPem();
  try {
    // 'wx': two processes starting at once keep the first key.
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { signer: readSigningKey(path, name), created: false };
  }
  chmodSync(path, 0o600);
  return { signer: signerFromPem(name, pem), created: true };
}

/** Reads an existing key file; ENOENT when there is none. Refuses a file others may read. */
export function readSigningKey(path: string, name: string): SignerKey {
  const pem = readFileSync(path, 'utf8');
  const mode = statSync(path).mode & 0o077;
  if (mode !== 0 && process.platform !== 'win32') {
    throw new EventStoreError(
      'SIGNING_KEY_INVALID',
      { zh: `签名密钥文件 ${path} 可被他人读取（权限 ${(statSync(path).mode & 0o777).toString(8)}）：请 chmod 600`, en: `the signing key ${path} may be read by others (mode ${(statSync(path).mode & 0o777).toString(8)}): chmod 600 it` },
      { path },
    );
  }
  return signerFromPem(name, pem);
}
