export * from './postgres-for-tests';
export * from './throwaway-postgres';
