import { LedgerError, isLedgerError } from './ledger-error';

describe('LedgerError: one shape for what every layer throws', () => {
  class StoreFailure extends LedgerError<'STORE_DOWN'> {}

  it('carries a stable code, both messages and the details; message is the English one', () => {
    const error = new StoreFailure('STORE_DOWN', { zh: '存储不可用', en: 'The store is down' }, { attempt: 3 });
    expect(error).toBeInstanceOf(Error);
    expect(isLedgerError(error)).toBe(true);
    expect([error.code, error.messages.zh, error.message, error.details]).toEqual(['STORE_DOWN', '存储不可用', 'The store is down', { attempt: 3 }]);
  });

  it('is not any other error', () => {
    expect(isLedgerError(new Error('plain'))).toBe(false);
    expect(isLedgerError({ code: 'X', messages: { zh: '', en: '' } })).toBe(false);
  });
});
