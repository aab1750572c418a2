export { generatedFiles, GENERATED_DIR } from './generate';
export { APP_SPECS, NAMESPACE } from './apps';
export { SchemaSet } from './schema';
export { writeOverlaySecrets, secretFiles } from './secrets';
export { OVERLAYS, prepareTools, renderOverlays } from './render';
export type { Overlay, Tools } from './render';
