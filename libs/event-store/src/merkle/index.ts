export * from './merkle-tree';
export * from './merkle-log';
export * from './verify-proof';
export * from './checkpoint';
export * from './checkpoint-key-file';
export * from './sign-log';
