export * from './fine';
export * from './impose-fine';
export * from './record-fine-payment';
export * from './revoke-fine';
