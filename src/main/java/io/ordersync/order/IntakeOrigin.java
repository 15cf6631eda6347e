package io.ordersync.order;

import io.ordersync.support.ApiForbiddenException;
import java.util.Set;

/**
 * Where an order arrived, as the runtime knows it - never as the sender's document claims it: the channel and the
 * namespace of its duplicate keys. Each namespace is one sender the runtime authenticated or configured:
 * <ul>
 *   <li>{@code api:<caller>} - an API caller (X-API-Key caller name or Basic user) over REST or SOAP. Both channels
 *       authenticate the same callers, so one caller's CRM order sent over REST and again over SOAP is one order;
 *       two callers with the same id are two orders.</li>
 *   <li>{@code edi:<partnerId>} - an EDI trading partner (mappings/partners): the interchange's sender identifies
 *       it, and over HTTP the caller must hold {@code partner:<partnerId>}.</li>
 *   <li>{@code file:<inbox>} - the order file inbox; only whoever can write to its directory can send.</li>
 *   <li>{@code kafka:<topic>} - the Kafka topic the order was read from.</li>
 * </ul>
 * A sender can therefore never claim another sender's keys (and so never have another sender's real order taken
 * for a repeat of its own). An API caller may name the source system of its SOAP orders, within limits
 * ({@link #admit}).
 */
public final class IntakeOrigin {

    /** Source systems that only their own channel produces: an API caller may not name them. */
    static final Set<String> CHANNEL_SYSTEMS = Set.of("EDI", "FILE", "ECOMMERCE");
    /** The CRM's source system: its orders report back to the CRM record they name. */
    static final String CRM_SYSTEM = "CRM";
    /** The role of the CRM's caller (CRM orders over REST); the only callers that may submit CRM orders over SOAP. */
    static final String CRM_ROLE = "submitter:orders";

    private final String namespace;
    private final Set<String> channels;
    private final String caller;
    private final Set<String> roles;

    private IntakeOrigin(String namespace, Set<String> channels, String caller, Set<String> roles) {
        this.namespace = namespace;
        this.channels = channels;
        this.caller = caller;
        this.roles = roles;
    }

    /**
     * An authenticated API caller, over REST or SOAP.
     *
     * @param roles the caller's roles; {@code null} when roles are off ({@code ordersync.api.auth=none}, where every
     *              caller is {@code anonymous})
     */
    public static IntakeOrigin api(String caller, Set<String> roles) {
        if (caller == null || caller.isBlank()) {
            throw new IllegalStateException("an API order without an authenticated caller");
        }
        return new IntakeOrigin("api:" + caller, Set.of("REST", "SOAP"), caller, roles);
    }

    /** An EDI trading partner (its profile id in mappings/partners). */
    public static IntakeOrigin edi(String partnerId) {
        return new IntakeOrigin("edi:" + partnerId, Set.of("EDI"), null, null);
    }

    /** An order file inbox. */
    public static IntakeOrigin file(String inbox) {
        return new IntakeOrigin("file:" + inbox, Set.of("FILE"), null, null);
    }

    /** A Kafka topic. */
    public static IntakeOrigin kafka(String topic) {
        return new IntakeOrigin("kafka:" + topic, Set.of("KAFKA"), null, null);
    }

    public String namespace() {
        return namespace;
    }

    /** The channel of an order the mapping says came through {@code mapped}: one of this origin's channels. */
    String channelFor(String mapped) {
        if (channels.size() == 1) {
            return channels.iterator().next();
        }
        if (!channels.contains(mapped)) {
            throw new IllegalStateException("a mapping for " + channels + " produced the channel " + mapped);
        }
        return mapped;
    }

    /**
     * Refuses a source system this origin may not name. Only API callers choose one (SOAP's SourceSystem): the
     * systems of the other channels (EDI, FILE, ECOMMERCE) are refused to every caller, CRM to callers without the
     * CRM's role (when roles are on) - a CRM order's outcome is written to the CRM record it names. Any other name
     * is the caller's own and stays within its namespace.
     *
     * @throws ApiForbiddenException naming the system and what would be needed
     */
    void admit(CanonicalOrder.Source source) {
        if (caller == null || source == null || source.system() == null) {
            return;
        }
        String system = source.system();
        if (CHANNEL_SYSTEMS.contains(system)) {
            throw new ApiForbiddenException("caller " + caller + " may not submit orders as source system "
                    + system + ": " + system + " orders come only through their own channel",
                    "none (" + system + " is the source system of its own channel)");
        }
        if (CRM_SYSTEM.equals(system) && roles != null && !roles.contains(CRM_ROLE)) {
            throw new ApiForbiddenException("caller " + caller + " may not submit orders as source system "
                    + CRM_SYSTEM + ": it needs the role " + CRM_ROLE + " (a CRM order reports its outcome to the"
                    + " CRM record it names)", CRM_ROLE);
        }
    }

    @Override
    public String toString() {
        return namespace;
    }
}
