/** Bytes of recent terminal output kept for viewers that attach later. */
export const DEFAULT_SCROLLBACK_BYTES = 256 * 1024;

/**
 * Bytes buffered for one viewer that reads slower than the program writes; past it the oldest
 * output is dropped for that viewer (counted), so a stalled viewer never stalls the program.
 */
export const DEFAULT_VIEWER_BUFFER_BYTES = 1024 * 1024;

/** Viewers attached to one terminal at once. */
export const DEFAULT_MAX_VIEWERS = 16;

/** Terminals registered in one process at once. */
export const DEFAULT_MAX_TERMINALS = 64;
