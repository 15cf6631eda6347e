package io.ordersync.edi;

/**
 * Bounds that keep memory flat whatever a partner sends: the file size, the segments of one file, the segments
 * of one transaction kept for mapping to a canonical order, and the length of one element. Defaults: 200 MiB,
 * 2,000,000 segments, 20,000 segments (about 10,000 order lines), 10,000 characters.
 */
public record EdiLimits(long maxFileBytes, long maxSegments, int maxMappedSegments, int maxElementLength) {

    public static final EdiLimits DEFAULTS = new EdiLimits(200L * 1024 * 1024, 2_000_000, 20_000, 10_000);
}
