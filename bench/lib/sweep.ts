/** Read sizes (KiB) of the chunk-size sweep: getBinaryStream(id, size) for the upload, in benches 2 and 3. */
export const SWEEP_KIB = [64, 128, 256, 512, 1024];

/**
 * What the node reads at: it calls getBinaryStream(id) with no size, and n8n's filesystem store then
 * reads with fs.createReadStream's default, 64 KiB (n8n 1.x and 2.x). The sweep's verdict: larger
 * reads are faster but do not keep bench 2 within 64 MiB (bench/README.md, D2).
 */
export const SHIPPED_CHUNK_KIB = 64;
