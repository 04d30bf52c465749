export * from './postgres-for-tests';
export * from './throwaway-postgres';
export * from './kill-cycle';
