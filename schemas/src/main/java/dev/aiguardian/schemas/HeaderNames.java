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

    /** On each guard request of a pipeline: the pipeline it belongs to. */
    public static final String PIPELINE_ID = "aig_pipeline_id";
    /** The request's user and session on a result, so usage can be accounted without the request. */
    public static final String USER_ID = "aig_user_id";
    public static final String SESSION_ID = "aig_session_id";

    /** Echo of the caller's X-Request-ID, when it sent one. */
    public static final String CLIENT_REQUEST_ID = "aig_client_request_id";

    // Dead-letter headers, after Kafka Connect's DeadLetterQueueReporter: where the record came from and why it failed.
    public static final String DLQ_ORIGINAL_TOPIC = "aig_dlq_original_topic";
    public static final String DLQ_ORIGINAL_PARTITION = "aig_dlq_original_partition";
    public static final String DLQ_ORIGINAL_OFFSET = "aig_dlq_original_offset";
    public static final String DLQ_ORIGINAL_TIMESTAMP = "aig_dlq_original_timestamp";
    public static final String DLQ_EXCEPTION_CLASS = "aig_dlq_exception_class";
    public static final String DLQ_EXCEPTION_MESSAGE = "aig_dlq_exception_message";
    public static final String DLQ_REASON = "aig_dlq_reason";
    public static final String DLQ_ATTEMPTS = "aig_dlq_attempts";
    public static final String DLQ_WORKER = "aig_dlq_worker";

    public static final String CE_SPECVERSION_VALUE = "1.0";
    public static final String CE_TYPE_REQUEST = "dev.aiguardian.guard.request.v1";
    public static final String CE_TYPE_RESULT = "dev.aiguardian.guard.result.v1";
    public static final String CE_TYPE_PIPELINE = "dev.aiguardian.pipeline.request.v1";
    public static final String CE_TYPE_PIPELINE_RESULT = "dev.aiguardian.pipeline.result.v1";
    public static final String JSON = "application/json";
    public static final String SCHEMA_VERSION_VALUE = "1";

    private HeaderNames() {
    }
}
