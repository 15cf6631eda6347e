package io.ordersync.edi;

import java.util.function.Function;

/**
 * Bounds that keep memory flat whatever a partner sends: the file size, the segments of one file, the segments
 * of one transaction kept for mapping to a canonical order, the length of one element, and the segments of the
 * mapped orders the intake keeps from its first reading of a file (beyond them, orders are read a second time
 * instead of kept: see {@link EdiInspector}). Defaults: 200 MiB, 2,000,000 segments, 20,000 segments (about 10,000
 * order lines), 10,000 characters, 50,000 segments (some 20 MB of mapped orders); each can be set (see
 * {@link #from}).
 */
record EdiLimits(long maxFileBytes, long maxSegments, int maxMappedSegments, int maxElementLength,
                        long maxKeptOrderSegments) {

    private static final long DEFAULT_KEPT_ORDER_SEGMENTS = 50_000;
    public static final EdiLimits DEFAULTS = new EdiLimits(200L * 1024 * 1024, 2_000_000, 20_000, 10_000,
            DEFAULT_KEPT_ORDER_SEGMENTS);

    /** The first four limits, with the default for the orders kept. */
    public EdiLimits(long maxFileBytes, long maxSegments, int maxMappedSegments, int maxElementLength) {
        this(maxFileBytes, maxSegments, maxMappedSegments, maxElementLength, DEFAULT_KEPT_ORDER_SEGMENTS);
    }

    public static final String MAX_FILE_BYTES = "ordersync.edi.max-file-bytes";
    public static final String MAX_SEGMENTS = "ordersync.edi.max-segments";
    public static final String MAX_SEGMENTS_PER_TRANSACTION = "ordersync.edi.max-segments-per-transaction";
    public static final String MAX_ELEMENT_LENGTH = "ordersync.edi.max-element-length";
    public static final String MAX_KEPT_ORDER_SEGMENTS = "ordersync.edi.max-kept-order-segments";

    /** The limits from these settings (by the names above); a setting that is absent or blank keeps its default. */
    public static EdiLimits from(Function<String, String> settings) {
        return new EdiLimits(
                positive(settings, MAX_FILE_BYTES, DEFAULTS.maxFileBytes),
                positive(settings, MAX_SEGMENTS, DEFAULTS.maxSegments),
                Math.toIntExact(positive(settings, MAX_SEGMENTS_PER_TRANSACTION, DEFAULTS.maxMappedSegments)),
                Math.toIntExact(positive(settings, MAX_ELEMENT_LENGTH, DEFAULTS.maxElementLength)),
                positive(settings, MAX_KEPT_ORDER_SEGMENTS, DEFAULTS.maxKeptOrderSegments));
    }

    private static long positive(Function<String, String> settings, String name, long fallback) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim().replace("_", ""));
            boolean wide = name.equals(MAX_FILE_BYTES) || name.equals(MAX_SEGMENTS) || name.equals(MAX_KEPT_ORDER_SEGMENTS);
            if (parsed > 0 && (wide || parsed <= Integer.MAX_VALUE)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }
}
