package dev.aiguardian.standalone;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects the bootstrap servers of the shared test broker into a test's {@code String} parameter. */
final class KafkaExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == String.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return SharedKafka.bootstrapServers(e);
    }
}
