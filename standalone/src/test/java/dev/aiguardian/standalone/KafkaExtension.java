package dev.aiguardian.standalone;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the bootstrap servers of the shared test broker ({@link SharedKafka}: in the JVM, or in a container with
 * {@code AIGUARDIAN_TEST_KAFKA=container}) into a test's {@code String} parameter.
 */
final class KafkaExtension implements ParameterResolver, BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        // An abort here skips the whole class (an abort in a parameter resolver would fail it instead).
        SharedKafka.checkAvailable();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == String.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return SharedKafka.bootstrapServers(e);
    }
}
