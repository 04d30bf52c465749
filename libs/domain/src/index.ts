export * from './kernel';
export * from './organ';
export * from './auxiliary';
export * from './person';
