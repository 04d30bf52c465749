export * from './organ';
export * from './register-organ';
export * from './set-quota';
