/** Read sizes (KiB) of the chunk-size sweep: getBinaryStream(id, size) for the upload, in benches 2 and 3. */
export const SWEEP_KIB = [64, 128, 256, 512, 1024];
