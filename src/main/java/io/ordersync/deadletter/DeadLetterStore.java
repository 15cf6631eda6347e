package io.ordersync.deadletter;

import io.ordersync.support.Json;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead-letter table: failed messages with their original payload, searchable and replayable once.
 * <p>
 * Payloads are size-capped ({@link PayloadLimits}): up to {@code inlineBytes} a payload is kept whole in its row
 * ({@link Kept#INLINE}); up to {@code retainedBytes} whole in {@code dead_letter_payloads}, its row holding the preview
 * ({@link Kept#STORED}); beyond that, or when all whole payloads together would pass {@code totalBytes}, only the
 * preview, size and SHA-256 ({@link Kept#PREVIEW}, with a note saying why), and such a dead letter cannot be replayed.
 * Lists never read payloads.
 */
public class DeadLetterStore {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);

    /**
     * NEW: waiting for a person; REPLAYED: sent again (see the replay audit); INVALID: bad input, kept as evidence;
     * DISCARDED: a person decided it needs no replay (who, when and why are kept).
     */
    public enum Status { NEW, REPLAYED, INVALID, DISCARDED }

    /** What was kept of a payload. */
    public enum Kept {
        /** whole, in the dead letter's row */
        INLINE,
        /** whole, in dead_letter_payloads; the row holds the preview */
        STORED,
        /** only the preview, size and SHA-256 (payload_note says why) */
        PREVIEW
    }

    /**
     * One dead letter without its payload: what it is, why, and the payload's size, digest and what was kept.
     * {@code partner} is the trading partner of its order (orders.source_partner); null when the dead letter names no
     * stored order or the order came from no partner (a CRM, the web shop).
     */
    public record DeadLetter(long id, String status, String routeId, String replayEndpoint, String orderId,
                             String partner, String correlationId, Map<String, Object> headers,
                             String exceptionType, String exceptionMessage, int attempts, Instant firstFailureAt,
                             Instant lastFailureAt, Instant replayedAt, Long replayedFrom, String replayOutcome,
                             Long replayDeadLetterId, String payloadKept, Long payloadBytes, String payloadSha256,
                             String payloadContentType, String payloadNote, String discardedBy, Instant discardedAt,
                             String discardReason) {}

    /** A payload kept whole: its text and the content type it came with. */
    public record Payload(String text, String contentType) {}

    /**
     * One replay: outcome RUNNING while it runs, then SUCCEEDED (the replayed exchange completed) or FAILED (detail:
     * why; newDeadLetterId: the dead letter it became again, if any).
     */
    public record Replay(long replayId, long deadLetterId, String requestedBy, Instant requestedAt, String outcome,
                         String detail, Long newDeadLetterId, boolean edited, String editedPayload, String note,
                         Long batchId) {}

    /**
     * A batch replay: the dead letters selected ({@code total}), those that could not be claimed ({@code refused}),
     * and its replays by outcome so far; {@code finishedAt} once every selected dead letter was handed to a replay.
     */
    public record Batch(long batchId, String requestedBy, Instant requestedAt, String selection, int total, int refused,
                        int running, int succeeded, int failed, Instant finishedAt, boolean done) {}

    /** Replay outcomes. */
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    /** The most dead letters one search answers. */
    public static final int MAX_LIMIT = 500;
    /** Exception messages are kept to this many characters (a message may quote the input). */
    static final int MAX_EXCEPTION_MESSAGE_CHARS = 4000;

    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/"
            + "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}");

    /**
     * Every column but the payload itself, with the outcome of the dead letter's replay (if any) and the partner of
     * its order (if any).
     */
    private static final String SELECT = "SELECT d.dead_letter_id, d.status, d.route_id, d.replay_endpoint,"
            + " d.order_id, o.source_partner AS partner, d.correlation_id, d.headers_json, d.exception_type,"
            + " d.exception_message, d.attempts,"
            + " d.first_failure_at, d.last_failure_at, d.replayed_at, d.replayed_from, d.payload_kept,"
            + " d.payload_bytes, d.payload_sha256, d.payload_content_type, d.payload_note, d.discarded_by,"
            + " d.discarded_at, d.discard_reason, r.outcome AS replay_outcome, r.new_dead_letter_id AS replay_dead_letter_id FROM dead_letters d"
            + " LEFT JOIN dead_letter_replays r ON r.dead_letter_id = d.dead_letter_id"
            + " LEFT JOIN orders o ON o.order_id = d.order_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PayloadLimits limits;

    public DeadLetterStore(DataSource dataSource) {
        this(dataSource, PayloadLimits.DEFAULTS);
    }

    public DeadLetterStore(DataSource dataSource, PayloadLimits limits) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.limits = limits;
    }

    public PayloadLimits limits() {
        return limits;
    }

    public long insert(Status status, String routeId, String replayEndpoint, String orderId, String correlationId,
                       String payload, Map<String, Object> headers, Throwable cause, int attempts,
                       Instant firstFailure, Instant lastFailure) {
        return insert(status, routeId, replayEndpoint, orderId, correlationId, payload, null, headers, cause,
                attempts, firstFailure, lastFailure, null);
    }

    /**
     * @param contentType  the payload's media type as it came (only a well-formed {@code type/subtype} is kept), or
     *                     null: then it is told from the payload's first character (JSON, XML, else text)
     * @param replayedFrom the dead letter whose replay failed into this one, or null
     */
    public long insert(Status status, String routeId, String replayEndpoint, String orderId, String correlationId,
                       String payload, String contentType, Map<String, Object> headers, Throwable cause,
                       int attempts, Instant firstFailure, Instant lastFailure, Long replayedFrom) {
        Measured measured = payload == null ? null : measure(payload);
        Kept kept = null;
        String note = null;
        if (measured != null) {
            if (measured.bytes() > limits.retainedBytes()) {
                kept = Kept.PREVIEW;
                note = "payload too large to keep (" + measured.bytes() + " bytes, limit " + limits.retainedBytes()
                        + " bytes: ordersync.dead-letters.max-retained-payload-bytes); only its first "
                        + limits.previewChars() + " characters, size and SHA-256 were kept";
            } else if (!makeRoom(measured.bytes())) {
                kept = Kept.PREVIEW;
                note = "payload not kept (" + measured.bytes() + " bytes): the dead letters' payloads would pass "
                        + limits.totalBytes() + " bytes (ordersync.dead-letters.max-total-payload-bytes) and no"
                        + " resolved dead letter's payload was left to drop; only its first " + limits.previewChars()
                        + " characters, size and SHA-256 were kept";
            } else {
                kept = measured.bytes() <= limits.inlineBytes() ? Kept.INLINE : Kept.STORED;
            }
        }
        String rowPayload = kept == null ? null : kept == Kept.INLINE ? payload : preview(payload);
        String mediaType = measured == null ? null : mediaType(contentType, payload);
        Kept keptAs = kept;
        String noted = note;
        return transactions.execute(tx -> {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO dead_letters (status, route_id, replay_endpoint, order_id,"
                        + " correlation_id, payload, headers_json, exception_type, exception_message, attempts,"
                        + " first_failure_at, last_failure_at, replayed_from, payload_kept, payload_bytes,"
                        + " payload_sha256, payload_content_type, payload_note)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"dead_letter_id"});
                ps.setString(1, status.name());
                ps.setString(2, routeId);
                ps.setString(3, replayEndpoint);
                ps.setString(4, orderId);
                ps.setString(5, correlationId);
                ps.setString(6, rowPayload);
                ps.setString(7, Json.write(headers));
                ps.setString(8, cause == null ? null : cause.getClass().getName());
                ps.setString(9, cause == null ? null : capped(String.valueOf(cause.getMessage())));
                ps.setInt(10, attempts);
                ps.setTimestamp(11, Timestamp.from(firstFailure));
                ps.setTimestamp(12, Timestamp.from(lastFailure));
                if (replayedFrom == null) {
                    ps.setNull(13, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(13, replayedFrom);
                }
                ps.setString(14, keptAs == null ? null : keptAs.name());
                if (measured == null) {
                    ps.setNull(15, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(15, measured.bytes());
                }
                ps.setString(16, measured == null ? null : measured.sha256());
                ps.setString(17, mediaType);
                ps.setString(18, noted);
                return ps;
            }, keys);
            long id = keys.getKey().longValue();
            if (keptAs == Kept.STORED) {
                jdbc.update("INSERT INTO dead_letter_payloads (dead_letter_id, payload) VALUES (?,?)", id, payload);
            }
            if (keptAs == Kept.PREVIEW) {
                LOG.warn("Dead letter {}: {}", id, noted);
            }
            return id;
        });
    }

    /**
     * Makes room for a whole payload within {@code totalBytes}: drops the payloads of the oldest resolved dead letters
     * (INVALID, or REPLAYED with a final outcome) to their preview until it fits. Unresolved ones are never touched.
     * Concurrent inserts may each see the same room, so the total can pass the limit by the payloads being inserted
     * at that moment.
     */
    private boolean makeRoom(long bytes) {
        long used = keptBytes();
        while (used + bytes > limits.totalBytes()) {
            List<long[]> resolved = jdbc.query("SELECT d.dead_letter_id, d.payload_bytes, CASE WHEN d.payload_kept = ?"
                    + " THEN 1 ELSE 0 END FROM dead_letters d LEFT JOIN dead_letter_replays r"
                    + " ON r.dead_letter_id = d.dead_letter_id WHERE d.payload_kept IN (?, ?)"
                    + " AND (d.status = ? OR (d.status = ? AND r.outcome IN (?, ?)))"
                    + " ORDER BY d.dead_letter_id FETCH FIRST 50 ROWS ONLY",
                    (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, Kept.STORED.name(),
                    Kept.INLINE.name(), Kept.STORED.name(), Status.INVALID.name(), Status.REPLAYED.name(), SUCCEEDED,
                    FAILED);
            if (resolved.isEmpty()) {
                return false;
            }
            for (long[] letter : resolved) {
                if (used + bytes <= limits.totalBytes()) {
                    break;
                }
                if (dropToPreview(letter[0], letter[2] == 1)) {
                    used -= letter[1];
                }
            }
        }
        return true;
    }

    private boolean dropToPreview(long id, boolean stored) {
        String note = "payload dropped at " + Instant.now() + " to keep the dead letters' payloads within "
                + limits.totalBytes() + " bytes (ordersync.dead-letters.max-total-payload-bytes; resolved dead"
                + " letters' payloads go first, oldest first); its first " + limits.previewChars()
                + " characters, size and SHA-256 were kept";
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            int changed = stored
                    ? jdbc.update("UPDATE dead_letters SET payload_kept = ?, payload_note = ? WHERE dead_letter_id = ?"
                            + " AND payload_kept = ?", Kept.PREVIEW.name(), note, id, Kept.STORED.name())
                    : jdbc.update("UPDATE dead_letters SET payload = SUBSTRING(payload FROM 1 FOR "
                            + limits.previewChars() + "), payload_kept = ?, payload_note = ? WHERE dead_letter_id = ?"
                            + " AND payload_kept = ?", Kept.PREVIEW.name(), note, id, Kept.INLINE.name());
            if (stored) {
                jdbc.update("DELETE FROM dead_letter_payloads WHERE dead_letter_id = ?", id);
            }
            if (changed == 1) {
                LOG.info("Dead letter {}: {}", id, note);
            }
            return changed == 1;
        }));
    }

    /** The bytes of all payloads kept whole. */
    public long keptBytes() {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(payload_bytes), 0) FROM dead_letters"
                + " WHERE payload_kept IN (?, ?)", Long.class, Kept.INLINE.name(), Kept.STORED.name());
        return sum == null ? 0 : sum;
    }

    /**
     * Filters are optional (null = any); newest first, at most {@link #MAX_LIMIT}; the next page: {@code beforeId} =
     * the last id of this one. Payloads and headers are not read. {@code partner}: the partner of the dead letter's
     * order (a dead letter without an order has none).
     */
    public List<DeadLetter> search(String status, String routeId, String orderId, String partner, Long beforeId,
                                   int limit) {
        StringBuilder sql = new StringBuilder(SELECT.replace("d.headers_json", "NULL AS headers_json"))
                .append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND d.status = ?");
            args.add(status);
        }
        if (routeId != null) {
            sql.append(" AND d.route_id = ?");
            args.add(routeId);
        }
        if (orderId != null) {
            sql.append(" AND d.order_id = ?");
            args.add(orderId);
        }
        if (partner != null) {
            sql.append(" AND o.source_partner = ?");
            args.add(partner);
        }
        if (beforeId != null) {
            sql.append(" AND d.dead_letter_id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY d.dead_letter_id DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, MAX_LIMIT)))
                .append(" ROWS ONLY");
        return jdbc.query(sql.toString(), DeadLetterStore::deadLetter, args.toArray());
    }

    public List<DeadLetter> search(String status, String routeId, String orderId, int limit) {
        return search(status, routeId, orderId, null, null, limit);
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query(SELECT + " WHERE d.dead_letter_id = ?", DeadLetterStore::deadLetter, id)
                .stream().findFirst();
    }

    /** What the dead letter's row holds: the whole payload when INLINE, else the preview (null: no payload). */
    public Optional<String> inlineOrPreview(long id) {
        return jdbc.query("SELECT payload FROM dead_letters WHERE dead_letter_id = ?",
                (rs, n) -> rs.getString(1), id).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The whole payload, when it was kept (INLINE or STORED); empty otherwise. */
    public Optional<Payload> payload(long id) {
        return find(id).flatMap(letter -> {
            String contentType = letter.payloadContentType();
            if (Kept.INLINE.name().equals(letter.payloadKept())) {
                return inlineOrPreview(id).map(text -> new Payload(text, contentType));
            }
            if (Kept.STORED.name().equals(letter.payloadKept())) {
                return jdbc.query("SELECT payload FROM dead_letter_payloads WHERE dead_letter_id = ?",
                        (rs, n) -> new Payload(rs.getString(1), contentType), id).stream().findFirst();
            }
            return Optional.empty();
        });
    }

    public List<Replay> replays(long deadLetterId) {
        return jdbc.query("SELECT * FROM dead_letter_replays WHERE dead_letter_id = ? ORDER BY replay_id",
                (rs, n) -> new Replay(rs.getLong("replay_id"), rs.getLong("dead_letter_id"),
                        rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                        rs.getString("outcome"), rs.getString("detail"), nullableLong(rs, "new_dead_letter_id"),
                        rs.getString("edited_payload") != null, rs.getString("edited_payload"), rs.getString("note"),
                        nullableLong(rs, "batch_id")),
                deadLetterId);
    }

    /**
     * Claims the one replay a dead letter gets. The unique constraint on dead_letter_id makes a second claim fail,
     * also when two requests race.
     */
    public boolean claimReplay(long deadLetterId, String requestedBy) {
        return claimReplay(deadLetterId, requestedBy, null, null, null);
    }

    /**
     * Claims the one replay, with an edited payload (kept in the replay's row, beside the original; null: the
     * original is replayed), a note and the batch it belongs to (or nulls). Only a dead letter still NEW is claimed.
     */
    public boolean claimReplay(long deadLetterId, String requestedBy, String editedPayload, String note, Long batchId) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            int claimed = jdbc.update("UPDATE dead_letters SET status = ?, replayed_at = ? WHERE dead_letter_id = ?"
                    + " AND status = ?", Status.REPLAYED.name(), Timestamp.from(Instant.now()), deadLetterId,
                    Status.NEW.name());
            if (claimed != 1) {
                return false;
            }
            try {
                jdbc.update("INSERT INTO dead_letter_replays (dead_letter_id, requested_by, requested_at, outcome,"
                        + " edited_payload, note, batch_id) VALUES (?,?,?,?,?,?,?)", deadLetterId, requestedBy,
                        Timestamp.from(Instant.now()), RUNNING, editedPayload, note, batchId);
            } catch (org.springframework.dao.DataIntegrityViolationException alreadyReplayed) {
                tx.setRollbackOnly();
                return false;
            }
            return true;
        }));
    }

    /** What a claimed replay sends: its edited payload, else the original kept whole. */
    public Optional<String> replayPayload(long deadLetterId) {
        Optional<String> edited = jdbc.query("SELECT edited_payload FROM dead_letter_replays WHERE dead_letter_id = ?",
                (rs, n) -> rs.getString(1), deadLetterId).stream().filter(java.util.Objects::nonNull).findFirst();
        return edited.isPresent() ? edited : payload(deadLetterId).map(Payload::text);
    }

    /** Marks a NEW dead letter DISCARDED with who and why; false when it is not NEW (any more). */
    public boolean discard(long deadLetterId, String discardedBy, String reason) {
        return jdbc.update("UPDATE dead_letters SET status = ?, discarded_by = ?, discarded_at = ?, discard_reason = ?"
                + " WHERE dead_letter_id = ? AND status = ?", Status.DISCARDED.name(), discardedBy,
                Timestamp.from(Instant.now()), reason, deadLetterId, Status.NEW.name()) == 1;
    }

    /** A new batch replay of {@code total} dead letters. */
    public long createBatch(String requestedBy, String selection, int total) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO dead_letter_replay_batches (requested_by, requested_at,"
                    + " selection, total) VALUES (?,?,?,?)", new String[] {"batch_id"});
            ps.setString(1, requestedBy);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, selection);
            ps.setInt(4, total);
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /** One dead letter of the batch could not be claimed. */
    public void batchRefused(long batchId) {
        jdbc.update("UPDATE dead_letter_replay_batches SET refused = refused + 1 WHERE batch_id = ?", batchId);
    }

    /** Every dead letter of the batch has been handed to its replay (or refused). */
    public void batchHandedOver(long batchId) {
        jdbc.update("UPDATE dead_letter_replay_batches SET finished_at = ? WHERE batch_id = ?",
                Timestamp.from(Instant.now()), batchId);
    }

    public Optional<Batch> batch(long batchId) {
        return jdbc.query("SELECT b.batch_id, b.requested_by, b.requested_at, b.selection, b.total, b.refused,"
                + " b.finished_at, SUM(CASE WHEN r.outcome = ? THEN 1 ELSE 0 END) AS running,"
                + " SUM(CASE WHEN r.outcome = ? THEN 1 ELSE 0 END) AS succeeded,"
                + " SUM(CASE WHEN r.outcome = ? THEN 1 ELSE 0 END) AS failed"
                + " FROM dead_letter_replay_batches b LEFT JOIN dead_letter_replays r ON r.batch_id = b.batch_id"
                + " WHERE b.batch_id = ? GROUP BY b.batch_id, b.requested_by, b.requested_at, b.selection, b.total,"
                + " b.refused, b.finished_at", (rs, n) -> {
                    int total = rs.getInt("total");
                    int refused = rs.getInt("refused");
                    int running = rs.getInt("running");
                    int succeeded = rs.getInt("succeeded");
                    int failed = rs.getInt("failed");
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new Batch(rs.getLong("batch_id"), rs.getString("requested_by"),
                            rs.getTimestamp("requested_at").toInstant(), rs.getString("selection"), total, refused,
                            running, succeeded, failed, finished == null ? null : finished.toInstant(),
                            finished != null && running == 0 && refused + succeeded + failed >= total);
                }, RUNNING, SUCCEEDED, FAILED, batchId).stream().findFirst();
    }

    /** Records how a replay ended (outcome SUCCEEDED or FAILED); newDeadLetterId: the dead letter it became, or null. */
    public void finishReplay(long deadLetterId, String outcome, String detail, Long newDeadLetterId) {
        jdbc.update("UPDATE dead_letter_replays SET outcome = ?, detail = ?, new_dead_letter_id = ?"
                + " WHERE dead_letter_id = ?", outcome, detail, newDeadLetterId, deadLetterId);
    }

    /**
     * Open dead letters (status NEW) of one route, legal entity, partner and reason (the simple name of the exception
     * that made them; null when none was recorded): how many, and the oldest's first failure.
     */
    public record OpenGroup(String routeId, String legalEntity, String partner, String reason, long count,
            Instant oldestFailure) {}

    /**
     * The dead letters waiting for a person (status NEW) by route, and by the legal entity and partner of their order
     * (read from the orders table; null when the dead letter names no stored order or the order has none).
     */
    public List<OpenGroup> openByRouteEntityAndPartner() {
        return jdbc.query("SELECT d.route_id, o.legal_entity, o.source_partner, d.exception_type, COUNT(*) AS letters,"
                + " MIN(d.first_failure_at) AS oldest FROM dead_letters d LEFT JOIN orders o ON o.order_id = d.order_id"
                + " WHERE d.status = ? GROUP BY d.route_id, o.legal_entity, o.source_partner, d.exception_type",
                (rs, n) -> new OpenGroup(rs.getString("route_id"), rs.getString("legal_entity"),
                        rs.getString("source_partner"), simpleName(rs.getString("exception_type")),
                        rs.getLong("letters"), rs.getTimestamp("oldest").toInstant()),
                Status.NEW.name());
    }

    /** {@code org.apache.camel.ValidationException} as {@code ValidationException}; null stays null. */
    static String simpleName(String exceptionType) {
        if (exceptionType == null || exceptionType.isBlank()) {
            return null;
        }
        String name = exceptionType.substring(exceptionType.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    public long countByStatus(Status status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE status = ?", Long.class, status.name());
        return n == null ? 0 : n;
    }

    /** Size and SHA-256 (hex) of a payload's UTF-8 bytes. */
    record Measured(long bytes, String sha256) {}

    /** Size and digest of the UTF-8 text, encoded piece by piece (a large payload is not copied whole again). */
    static Measured measure(String text) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // unpaired surrogates become '?', as String.getBytes(UTF_8) does
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        long bytes = 0;
        boolean encoded = false;
        while (true) {
            // OVERFLOW: out is full, drain it and go on; UNDERFLOW: all of it is encoded (then flushed)
            var result = encoded ? encoder.flush(out) : encoder.encode(in, out, true);
            out.flip();
            bytes += out.remaining();
            sha256.update(out);
            out.clear();
            if (result.isUnderflow()) {
                if (encoded) {
                    break;
                }
                encoded = true;
            }
        }
        return new Measured(bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    private String preview(String payload) {
        int end = Math.min(payload.length(), limits.previewChars());
        if (end > 0 && end < payload.length() && Character.isHighSurrogate(payload.charAt(end - 1))) {
            end--;
        }
        return payload.substring(0, end);
    }

    /** The media type it came with when well-formed (parameters dropped: it is kept and served as UTF-8 text). */
    static String mediaType(String declared, String payload) {
        if (declared != null) {
            String type = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (MEDIA_TYPE.matcher(type).matches()) {
                return type;
            }
        }
        for (int i = 0; i < payload.length() && i < 4096; i++) {
            char c = payload.charAt(i);
            if (c == '{' || c == '[') {
                return "application/json";
            }
            if (c == '<') {
                return "application/xml";
            }
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                break;
            }
        }
        return "text/plain";
    }

    private static String capped(String message) {
        return message.length() <= MAX_EXCEPTION_MESSAGE_CHARS ? message
                : message.substring(0, MAX_EXCEPTION_MESSAGE_CHARS) + "... (" + message.length() + " characters)";
    }

    @SuppressWarnings("unchecked")
    private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        String headers = rs.getString("headers_json");
        return new DeadLetter(rs.getLong("dead_letter_id"), rs.getString("status"), rs.getString("route_id"),
                rs.getString("replay_endpoint"), rs.getString("order_id"), rs.getString("partner"),
                rs.getString("correlation_id"),
                headers == null ? null : Json.read(headers, LinkedHashMap.class),
                rs.getString("exception_type"), rs.getString("exception_message"), rs.getInt("attempts"),
                rs.getTimestamp("first_failure_at").toInstant(), rs.getTimestamp("last_failure_at").toInstant(),
                replayed == null ? null : replayed.toInstant(), nullableLong(rs, "replayed_from"),
                rs.getString("replay_outcome"), nullableLong(rs, "replay_dead_letter_id"),
                rs.getString("payload_kept"), nullableLong(rs, "payload_bytes"), rs.getString("payload_sha256"),
                rs.getString("payload_content_type"), rs.getString("payload_note"), rs.getString("discarded_by"),
                instant(rs, "discarded_at"), rs.getString("discard_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
