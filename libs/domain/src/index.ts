export * from './kernel';
export * from './organ';
export * from './auxiliary';
export * from './person';
export * from './application';
export * from './recruitment-plan';
export * from './fine';
export * from './command-timing';
