package io.ordersync.edi;

/**
 * Bounds that keep memory flat whatever a partner sends: the file size, the segments of one file, the segments
 * of one transaction kept for mapping to a canonical order, and the length of one element.
 */
public record EdiLimits(long maxFileBytes, long maxSegments, int maxMappedSegments, int maxElementLength) {

    public static final EdiLimits DEFAULTS = new EdiLimits(200L * 1024 * 1024, 2_000_000, 100_000, 10_000);
}
