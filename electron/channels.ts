/** The only two IPC channels between the renderer and the main process. */
export const INVOKE_CHANNEL = 'bizops:invoke';
export const EVENT_CHANNEL = 'bizops:event';
