package io.ordersync.support;

/**
 * The names of the exchange properties and headers that ordersync's routes ({@code routes/*.camel.yaml}) and beans
 * share. A route reads a property by the name a bean set (or the other way round), and nothing but this list makes
 * sure both sides spell it the same: the Java side uses these constants, and
 * {@code io.ordersync.routes.ExchangeNamesTest} fails when a route uses a property or header name that is not
 * declared here (or is one of Camel's own headers or an API parameter of the OpenAPI contract), and when a constant
 * is used nowhere.
 */
public final class ExchangeProperties {

    // ---- the order on its way in and out
    /** The order id, for dead letters and logs of anything done for one order. */
    public static final String ORDER_ID = "ordersyncOrderId";
    /** The id of what is published to Kafka (order id or event id). */
    public static final String PUBLISHED_ID = "ordersyncPublishedId";
    /** The legal entity of a stored order handed to the order publication by the intake (its topic's). */
    public static final String PUBLISHED_ENTITY = "ordersyncPublishedEntity";
    /** Set when the outbox relay publishes: the publication is recorded as the relay's, not as a new one. */
    public static final String OUTBOX_RELAY = "ordersyncOutboxRelay";
    /** A file channel: where the read file goes (done, failed). */
    public static final String FILE_TARGET = "ordersyncFileTarget";
    /** The name a read file is archived under. */
    public static final String ARCHIVE_NAME = "ordersyncArchiveName";
    /** The SOAP operation of an order service call. */
    public static final String SOAP_OPERATION = "ordersyncSoapOperation";
    /** The request body as received, for an INVALID dead letter. */
    public static final String RAW_BODY = "ordersyncRawBody";
    /** The Kafka record being consumed (its offset is committed once the exchange is done). */
    public static final String KAFKA_RECORD = "ordersyncKafkaRecord";

    // ---- ERP delivery
    /** The canonical order delivered to the ERP. */
    public static final String ORDER = "ordersyncOrder";
    /** The ERP idempotency reference of the order. */
    public static final String ERP_REFERENCE = "ordersyncErpReference";
    /** The order's legal entity. */
    public static final String LEGAL_ENTITY = "ordersyncLegalEntity";
    /** The order id a dispatch consumer delivers under (a record seen again is skipped). */
    public static final String DISPATCH_KEY = "ordersyncDispatchKey";
    /** The outcome event as JSON, to publish. */
    public static final String OUTCOME_JSON = "ordersyncOutcomeJson";
    /** An ERP order number read for reconciliation. */
    public static final String ERP_ORDER_NUMBER = "ordersyncErpOrderNumber";

    // ---- CRM, quotes, status events, EDI responses
    /** The CRM Order record an update or read is for. */
    public static final String CRM_ORDER_ID = "ordersyncCrmOrderId";
    /** A quote: the request read, its legal entity, when the ERP call started (nanos). */
    public static final String QUOTE_REQUEST = "ordersyncQuoteRequest";
    public static final String QUOTE_ENTITY = "ordersyncQuoteEntity";
    public static final String QUOTE_ERP_STARTED = "ordersyncQuoteErpStartedNanos";
    /** The source system of a status event. */
    public static final String STATUS_SOURCE = "ordersyncStatusSource";
    /** The natural key of a status event (its type and the source's key). */
    public static final String STATUS_EVENT_KEY = "ordersyncStatusEventKey";
    /** An EDI response: the event it answers and the key it is written once under. */
    public static final String EDI_RESPONSE_EVENT = "ordersyncEdiResponseEvent";
    public static final String EDI_RESPONSE_KEY = "ordersyncEdiResponseKey";

    // ---- dead letters and replays
    public static final String DEAD_LETTER_ID = "ordersyncDeadLetterId";
    public static final String FIRST_FAILURE = "ordersyncFirstFailureAt";
    public static final String REDELIVERIES = "ordersyncRedeliveries";
    public static final String REPLAY_OF = "ordersyncReplayOf";
    public static final String REPLAY_ENDPOINT = "ordersyncReplayEndpoint";
    public static final String REPLAY_PAYLOAD = "ordersyncReplayPayload";
    public static final String REPLAY_ANSWER = "ordersyncReplayAnswer";
    /** A batch replay: its id. */
    public static final String REPLAY_BATCH = "ordersyncReplayBatch";
    /** A batch replay: the ids of the dead letters it replays. */
    public static final String REPLAY_BATCH_IDS = "ordersyncReplayBatchIds";

    // ---- the API caller
    public static final String CORRELATION_ID = "ordersyncCorrelationId";
    public static final String CALLER = "ordersyncCaller";
    public static final String CALLER_ROLES = "ordersyncCallerRoles";

    // ---- reconciliation (routes/reconciliation-checks.camel.yaml)
    /** In: the job to run and what started it (schedule, api). */
    public static final String RECONCILE_JOB = "ordersyncReconcileJob";
    public static final String RECONCILE_TRIGGER = "ordersyncReconcileTrigger";
    /** The run's tally, from start to finish. */
    public static final String RECONCILE_RUN = "ordersyncReconcileRun";
    /** The item being checked, its finding, the event re-sent to heal it. */
    public static final String RECONCILE_ITEM = "ordersyncReconcileItem";
    public static final String RECONCILE_FINDING = "ordersyncReconcileFinding";
    public static final String RECONCILE_EVENT = "ordersyncReconcileEvent";

    // ---- the outbound HTTP call (routes/http-call.camel.yaml)
    public static final String HTTP_URI = "ordersyncHttpUri";
    public static final String HTTP_METHOD = "ordersyncHttpMethod";
    public static final String HTTP_CONTENT_TYPE = "ordersyncHttpContentType";
    public static final String HTTP_PATH = "ordersyncHttpPath";
    public static final String HTTP_SOAP_ACTION = "ordersyncHttpSoapAction";
    public static final String HTTP_IDEMPOTENCY_KEY = "ordersyncHttpIdempotencyKey";
    /** The system called, as the order's journey names it; a call for an order is recorded only when it is set. */
    public static final String HTTP_JOURNAL = "ordersyncHttpJournal";

    /**
     * Headers ordersync sets or reads itself (Camel's own headers, such as CamelHttpMethod or kafka.KEY, are
     * Camel's constants; API parameters are the OpenAPI contract's).
     */
    public static final class Headers {
        public static final String CORRELATION_ID = "X-Correlation-Id";
        public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
        public static final String SOAP_ACTION = "SOAPAction";

        private Headers() {
        }
    }

    private ExchangeProperties() {
    }
}
