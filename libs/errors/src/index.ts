export * from './ledger-error';
