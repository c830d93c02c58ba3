package dev.aiguardian.schemas;

import java.util.regex.Pattern;

/** Why a request failed: a short machine-readable type and a message for people. */
public record ErrorInfo(String type, String message) {
    // "java.lang.IllegalStateException", "org.apache.kafka.common.errors.RecordTooLargeException", "FooError"
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*");
    private static final Pattern THROWABLE = Pattern.compile("\\b[A-Z]?\\w*(?:Exception|Error)\\b");

    /**
     * What went wrong, in words fit for a caller: the cause's message without Java class names, which
     * mean nothing to callers and tell an attacker what runs inside. The class stays in the logs and
     * in the dead letter's headers.
     */
    public static String describe(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        if (message == null || message.isBlank()) {
            return "an internal error";
        }
        return withoutClassNames(message);
    }

    /** {@code text} with anything that looks like a Java class or exception name replaced. */
    public static String withoutClassNames(String text) {
        String s = QUALIFIED.matcher(text).replaceAll("an internal component");
        s = THROWABLE.matcher(s).replaceAll("an internal error");
        return s.replaceAll("\\s+", " ").trim();
    }
}
