package dev.aiguardian.config;

import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.rewrite.RewritePolicy;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * The net under every log line: a log4j rewrite policy ({@code <Rewrite><ScrubSecrets/>…}) that passes
 * each message and each exception message through {@link Redaction#redact}, so that a secret a library
 * or a careless line puts in a message (a connection string in a driver's error, say) never reaches the
 * output, in either layout. Code still redacts what it prints itself; this catches what it cannot.
 */
@Plugin(name = "ScrubSecrets", category = Core.CATEGORY_NAME, elementType = "rewritePolicy", printObject = true)
public final class ScrubSecrets implements RewritePolicy {
    private ScrubSecrets() {
        // Lines logged before any configuration is read (the embedded broker's, say) are covered too.
        Redaction.learn(System.getenv());
    }

    @PluginFactory
    public static ScrubSecrets create() {
        return new ScrubSecrets();
    }

    @Override
    public LogEvent rewrite(LogEvent source) {
        String message = source.getMessage() == null ? null : source.getMessage().getFormattedMessage();
        String clean = Redaction.redact(message);
        Throwable thrown = source.getThrown();
        Throwable cleanThrown = scrub(thrown, 0);
        if (java.util.Objects.equals(clean, message) && cleanThrown == thrown) {
            return source;
        }
        return new Log4jLogEvent.Builder(source).setMessage(new SimpleMessage(clean)).setThrown(cleanThrown)
                .setThrownProxy(null).build();
    }

    /** The throwable itself when no message in its chain carries a secret, else a copy whose messages are clean. */
    static Throwable scrub(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return t;
        }
        Throwable cause = t.getCause() == t ? null : t.getCause();
        Throwable cleanCause = scrub(cause, depth + 1);
        String message = t.getMessage();
        String clean = Redaction.redact(message);
        if (java.util.Objects.equals(message, clean) && cleanCause == cause) {
            return t;
        }
        Scrubbed copy = new Scrubbed(t.getClass().getName(), clean, cleanCause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** A throwable's copy with a redacted message; it prints as the original class. */
    static final class Scrubbed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        Scrubbed(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            String m = getLocalizedMessage();
            return m == null ? originalClass : originalClass + ": " + m;
        }
    }
}
