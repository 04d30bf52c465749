export * from './kernel';
export * from './organ';
