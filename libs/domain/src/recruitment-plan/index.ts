export * from './recruitment-plan';
export * from './draft-recruitment-plan';
export * from './approve-recruitment-plan';
export * from './file-recruitment-plan';
export * from './announce-recruitment';
export * from './close-recruitment-plan';
export * from './record-ranking';
