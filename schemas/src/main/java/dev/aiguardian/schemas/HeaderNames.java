package dev.aiguardian.schemas;

/**
 * Kafka record header names. Results follow the CloudEvents Kafka binding in binary mode
 * ({@code ce_*} and {@code content-type}) so that off-the-shelf CloudEvents consumers read them;
 * the {@code aig_*} headers carry routing that CloudEvents has no word for.
 */
public final class HeaderNames {
    public static final String CE_SPECVERSION = "ce_specversion";
    /** The request id: also the correlation id of a sync reply. */
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    /** The guard's name. */
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Request id; duplicated from ce_id so that consumers that ignore CloudEvents still correlate. */
    public static final String CORRELATION_ID = "aig_correlation_id";
    /** The partition of {@link Topics#RESULTS} on which the waiting gateway instance reads replies. */
    public static final String REPLY_PARTITION = "aig_reply_partition";
    public static final String SERVICE_TYPE = "aig_service_type";
    public static final String VERDICT = "aig_verdict";
    public static final String SCHEMA_VERSION = "aig_schema_version";
    /** W3C Trace Context. */
    public static final String TRACEPARENT = "traceparent";

    public static final String CE_SPECVERSION_VALUE = "1.0";
    public static final String CE_TYPE_REQUEST = "dev.aiguardian.guard.request.v1";
    public static final String CE_TYPE_RESULT = "dev.aiguardian.guard.result.v1";
    public static final String JSON = "application/json";
    public static final String SCHEMA_VERSION_VALUE = "1";

    private HeaderNames() {
    }
}
