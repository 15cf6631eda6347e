package io.ordersync.deadletter;

/**
 * How much of a dead letter's payload is kept ({@code ordersync.dead-letters.*}, see docs/security.md, "Dead letters:
 * size and who sees payloads"). Sizes are of the payload as kept: its text in UTF-8.
 *
 * @param inlineBytes   a payload up to this size is kept whole in its dead letter's row
 * @param retainedBytes a larger payload up to this size is kept whole in {@code dead_letter_payloads} (replayable);
 *                      beyond it only the preview, size and SHA-256 are kept
 * @param previewChars  the preview: the first characters of a payload that is not kept inline
 * @param totalBytes    all whole payloads together; when a new one would pass it, the payloads of the oldest resolved
 *                      dead letters (INVALID, or REPLAYED with a final outcome) are dropped to their preview first,
 *                      and if that is not enough the new payload keeps only its preview
 */
public record PayloadLimits(long inlineBytes, long retainedBytes, int previewChars, long totalBytes) {

    public static final PayloadLimits DEFAULTS = new PayloadLimits(1L << 20, 16L << 20, 1024, 512L << 20);

    public PayloadLimits {
        if (inlineBytes < 0 || retainedBytes < inlineBytes || previewChars < 0 || totalBytes < retainedBytes) {
            throw new IllegalArgumentException("ordersync.dead-letters: need 0 <= max-payload-bytes (" + inlineBytes
                    + ") <= max-retained-payload-bytes (" + retainedBytes + ") <= max-total-payload-bytes ("
                    + totalBytes + ") and preview-chars (" + previewChars + ") >= 0");
        }
    }
}
