export * from './channels.js';
export * from './frame.js';
export * from './session.js';
export * from './lap.js';
export * from './trace.js';
