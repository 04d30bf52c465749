export * from './errors';
export * from './secret-file';
export * from './person-key';
export * from './sealing';
export * from './data-keys';
export * from './identity-vault';
export * from './identity-files';
