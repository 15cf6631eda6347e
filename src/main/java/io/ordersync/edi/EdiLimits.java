package io.ordersync.edi;

import java.util.function.Function;

/**
 * Bounds that keep memory flat whatever a partner sends: the file size, the segments of one file, the segments
 * of one transaction kept for mapping to a canonical order, and the length of one element. Defaults: 200 MiB,
 * 2,000,000 segments, 20,000 segments (about 10,000 order lines), 10,000 characters; each can be set (see
 * {@link #from}).
 */
public record EdiLimits(long maxFileBytes, long maxSegments, int maxMappedSegments, int maxElementLength) {

    public static final EdiLimits DEFAULTS = new EdiLimits(200L * 1024 * 1024, 2_000_000, 20_000, 10_000);

    public static final String MAX_FILE_BYTES = "ordersync.edi.max-file-bytes";
    public static final String MAX_SEGMENTS = "ordersync.edi.max-segments";
    public static final String MAX_SEGMENTS_PER_TRANSACTION = "ordersync.edi.max-segments-per-transaction";
    public static final String MAX_ELEMENT_LENGTH = "ordersync.edi.max-element-length";

    /** The limits from these settings (by the names above); a setting that is absent or blank keeps its default. */
    public static EdiLimits from(Function<String, String> settings) {
        return new EdiLimits(
                positive(settings, MAX_FILE_BYTES, DEFAULTS.maxFileBytes),
                positive(settings, MAX_SEGMENTS, DEFAULTS.maxSegments),
                Math.toIntExact(positive(settings, MAX_SEGMENTS_PER_TRANSACTION, DEFAULTS.maxMappedSegments)),
                Math.toIntExact(positive(settings, MAX_ELEMENT_LENGTH, DEFAULTS.maxElementLength)));
    }

    private static long positive(Function<String, String> settings, String name, long fallback) {
        String value = settings.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim().replace("_", ""));
            if (parsed > 0 && (name.equals(MAX_FILE_BYTES) || name.equals(MAX_SEGMENTS) || parsed <= Integer.MAX_VALUE)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not '" + value + "'");
    }
}
