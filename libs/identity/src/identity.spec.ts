import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqlitePeopleKeyStore } from './data-keys';
import { type IdentityInput, IdentityVault, NationalIdRefused } from './identity-vault';
import { isServerMadePersonKey, personKeyOf } from './person-key';
import { open, seal } from './sealing';
import { loadOrCreateSecret } from './secret-file';

const NOW = new Date('2025-01-02T02:00:00Z');
const WANG: IdentityInput = {
  name: '王晓明',
  gender: 'MALE',
  idNumber: '15010219900307231X',
  birthDate: '1990-03-07',
  nationality: 'CN',
  contact: { phone: '13800000000', address: '呼和浩特市新城区' },
  documents: [{ kind: 'ID_CARD_COPY', ref: 'REG-2024-0001-ID' }],
};
const LI: IdentityInput = { ...WANG, name: '李娜', gender: 'FEMALE', idNumber: '152901200002294564', birthDate: '2000-02-29' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the person key', () => {
  const secret = randomBytes(32);

  it('is HMAC-SHA-256 of the normalised number: one key however it is typed, another under another secret', () => {
    const key = personKeyOf(secret, '15010219900307231X');
    expect(isServerMadePersonKey(key)).toBe(true);
    expect(personKeyOf(secret, ' 150102 19900307231x')).toBe(key);
    expect(personKeyOf(secret, '１５０１０２１９９００３０７２３１Ｘ')).toBe(key);
    expect(personKeyOf(randomBytes(32), '15010219900307231X')).not.toBe(key);
    expect(personKeyOf(secret, '152901200002294564')).not.toBe(key);
    expect(key).not.toContain('15010219900307231X');
  });
});

describe('the deployment secret file', () => {
  it('is created once, 0600, and read again the same', () => {
    const path = join(dir, 'sub', 'auxledger.person-key.key');
    const first = loadOrCreateSecret(path, 'person-key secret');
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSecret(path, 'person-key secret');
    expect(again).toEqual({ secret: first.secret, created: false });
  });

  it('is refused when others may read it, or when it holds no 32-byte secret', () => {
    const path = join(dir, 'open.key');
    loadOrCreateSecret(path, 'wrap key');
    chmodSync(path, 0o644);
    expect(() => loadOrCreateSecret(path, 'wrap key')).toThrow(expect.objectContaining({ code: 'SECRET_FILE_INVALID' }));
    const short = join(dir, 'short.key');
    writeFileSync(short, 'c2hvcnQ=\n', { mode: 0o600 });
    expect(() => loadOrCreateSecret(short, 'wrap key')).toThrow(expect.objectContaining({ code: 'SECRET_FILE_INVALID' }));
  });
});

describe('sealing (AES-256-GCM, synthetic nonce)', () => {
  const key = randomBytes(32);
  const ctx = { personKey: 'pkh-a', purpose: 'identity' };

  it('opens what it sealed, gives the same ciphertext for the same data and another for other data', () => {
    const sealed = seal(key, 'dk-1', ctx, WANG);
    expect(open(key, ctx, sealed)).toEqual(WANG);
    expect(seal(key, 'dk-1', ctx, WANG)).toEqual(sealed);
    const other = seal(key, 'dk-1', ctx, LI);
    expect(other.iv).not.toBe(sealed.iv);
    expect(JSON.stringify(sealed)).not.toContain('王晓明');
  });

  it('does not open with another key, for another person or purpose, or altered', () => {
    const sealed = seal(key, 'dk-1', ctx, WANG);
    const refused = expect.objectContaining({ code: 'SEALED_DATA_INVALID' });
    expect(() => open(randomBytes(32), ctx, sealed)).toThrow(refused);
    expect(() => open(key, { ...ctx, personKey: 'pkh-b' }, sealed)).toThrow(refused);
    expect(() => open(key, { ...ctx, purpose: 'medical' }, sealed)).toThrow(refused);
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = (ct[0] as number) ^ 1;
    expect(() => open(key, ctx, { ...sealed, ct: ct.toString('base64') })).toThrow(refused);
  });
});

describe('the vault on the SQLite key store', () => {
  const open_ = () => {
    const path = join(dir, 'auxledger.people.db');
    const wrapKey = randomBytes(32);
    const keys = new SqlitePeopleKeyStore(path, wrapKey);
    return { path, wrapKey, keys, vault: new IdentityVault(randomBytes(32), keys) };
  };
  const reader = { keyId: 'key-op', role: 'operator', organId: 'hohhot' };

  it('refuses a mistyped number before anything is written', async () => {
    const { keys, vault } = open_();
    await expect(vault.sealIdentity({ ...WANG, idNumber: '150102199003072311' }, '2024-10-10', NOW)).rejects.toBeInstanceOf(NationalIdRefused);
    await expect(vault.sealIdentity({ ...WANG, birthDate: '1990-03-08' }, '2024-10-10', NOW)).rejects.toThrow(expect.objectContaining({ code: 'NATIONAL_ID_INVALID' }));
    const refusal = await vault.sealIdentity({ ...WANG, idNumber: '150102199003072311' }, '2024-10-10', NOW).catch((e: unknown) => e);
    expect(JSON.stringify(refusal)).not.toContain('150102199003072311');
    expect(await keys.status(vault.personKeyFor(WANG, '2024-10-10').personKey)).toEqual({ status: 'NONE' });
    await keys.close();
  });

  it('seals under one data key per person, opens masked or in clear with every read recorded, and shreds one person only', async () => {
    const { path, wrapKey, keys, vault } = open_();
    const wang = await vault.sealIdentity(WANG, '2024-10-10', NOW);
    const li = await vault.sealIdentity(LI, '2024-10-10', NOW);
    expect(await vault.sealIdentity(WANG, '2024-11-10', NOW)).toEqual(wang);

    expect(await vault.readMasked(wang.personKey, wang.sealed, reader, NOW)).toEqual({ name: '王晓明', gender: 'MALE', idNumberMasked: '1501**********231X', nationality: 'CN' });
    await expect(vault.readClear(wang.personKey, wang.sealed, reader, NOW, ['idNumber'], ' ')).rejects.toThrow(expect.objectContaining({ code: 'ACCESS_REASON_REQUIRED' }));
    expect(await vault.readClear(wang.personKey, wang.sealed, reader, NOW, ['idNumber', 'contact'], '核对社保登记')).toEqual({ idNumber: '15010219900307231X', contact: WANG.contact });
    expect((await vault.accessRecords({ personKey: wang.personKey })).map((r) => [r.disclosure, r.fields, r.reason])).toEqual([
      ['MASKED', ['name', 'gender', 'idNumber:masked', 'nationality'], null],
      ['CLEAR', ['idNumber', 'contact'], '核对社保登记'],
    ]);

    const wrapped = new Database(path, { readonly: true }).prepare<[string], { wrapped: Buffer }>('SELECT wrapped FROM data_keys WHERE person_key = ?').get(wang.personKey)?.wrapped as Buffer;
    expect(await vault.shred(wang.personKey, NOW, 'retention ended')).toEqual({ shredded: 1 });
    expect(await vault.readMasked(wang.personKey, wang.sealed, reader, NOW)).toBe('SHREDDED');
    expect(await vault.readClear(wang.personKey, wang.sealed, reader, NOW, ['idNumber'], 'audit')).toBe('SHREDDED');
    expect(await keys.status(wang.personKey)).toMatchObject({ status: 'SHREDDED', reason: 'retention ended' });
    expect(await vault.readMasked(li.personKey, li.sealed, reader, NOW)).toMatchObject({ name: '李娜' });
    // The erased bytes are nowhere in the file (secure_delete, the WAL truncated).
    await keys.close();
    expect(readFileSync(path).includes(wrapped)).toBe(false);

    // A later registration of the same person gets a new key; the old ciphertext stays unreadable.
    const again = new SqlitePeopleKeyStore(path, wrapKey);
    const newKey = await again.dataKeyFor(wang.personKey, NOW);
    expect(newKey.keyId).not.toBe(wang.sealed.keyId);
    expect(await again.dataKey(wang.personKey, wang.sealed.keyId)).toBeNull();
    await again.close();
  });

  it('names a wrong wrap-key file as such', async () => {
    const { path, keys, vault } = open_();
    const wang = await vault.sealIdentity(WANG, '2024-10-10', NOW);
    await keys.close();
    const wrong = new SqlitePeopleKeyStore(path, randomBytes(32));
    await expect(wrong.dataKey(wang.personKey, wang.sealed.keyId)).rejects.toThrow(expect.objectContaining({ code: 'WRAP_KEY_MISMATCH' }));
    await wrong.close();
  });
});
