package dev.aiguardian.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aiguardian.config.Env;

class RateLimitConfigTest {

    @Test
    void ratesAreReadInEveryDocumentedForm() {
        assertThat(Rate.parse("600/min")).contains(new Rate(600, Duration.ofMinutes(1)));
        assertThat(Rate.parse("10/s")).contains(new Rate(10, Duration.ofSeconds(1)));
        assertThat(Rate.parse("100/10s")).contains(new Rate(100, Duration.ofSeconds(10)));
        assertThat(Rate.parse("5000/h")).contains(new Rate(5000, Duration.ofHours(1)));
        assertThat(Rate.parse("none")).isEmpty();
        assertThat(Rate.parse("0")).isEmpty();
        assertThatThrownBy(() -> Rate.parse("fast")).hasMessageContaining("600/min");
        assertThatThrownBy(() -> Rate.parse("10/0s")).hasMessageContaining("period");
    }

    @Test
    void defaultsLimitNothingButLockOutAfterTenFailures() {
        Env env = Env.of(Map.of());
        RateLimitConfig c = RateLimitConfig.fromEnv(env);
        assertThat(env.problems()).isEmpty();
        assertThat(c.perKey()).isEmpty();
        assertThat(c.perUser()).isEmpty();
        assertThat(c.perIp()).isEmpty();
        assertThat(c.lockout().threshold()).isEqualTo(10);
        assertThat(c.clients().of("10.1.2.3", List.of("1.2.3.4"))).isEqualTo("10.1.2.3");
    }

    @Test
    void everyBadValueIsOneLine() {
        Env env = Env.of(Map.of("RATE_LIMIT_PER_KEY", "lots", "RATE_LIMIT_PER_IP", "5/fortnight",
                "AUTH_LOCKOUT_THRESHOLD", "-1", "AUTH_LOCKOUT_BASE_MS", "10s", "AUTH_LOCKOUT_MAX_MS", "1s",
                "TRUSTED_PROXIES", "lb.internal"));
        RateLimitConfig.fromEnv(env);
        assertThat(env.problems()).hasSize(5)
                .anyMatch(p -> p.startsWith("RATE_LIMIT_PER_KEY="))
                .anyMatch(p -> p.startsWith("RATE_LIMIT_PER_IP="))
                .anyMatch(p -> p.startsWith("AUTH_LOCKOUT_THRESHOLD="))
                .anyMatch(p -> p.startsWith("AUTH_LOCKOUT_MAX_MS="))
                .anyMatch(p -> p.startsWith("TRUSTED_PROXIES") && p.contains("lb.internal"));
    }

    @Test
    void theClientBehindATrustedProxyIsTheRightMostUntrustedHop() {
        ClientAddress c = ClientAddress.trusting(List.of("172.18.0.0/16", "::1"));
        // Not behind a trusted proxy: the header is the client's own word and is ignored.
        assertThat(c.of("203.0.113.9", List.of("1.1.1.1"))).isEqualTo("203.0.113.9");
        assertThat(c.of("172.18.0.5", List.of("6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(c.of("172.18.0.5", List.of("6.6.6.6", "198.51.100.7, 172.18.0.9"))).isEqualTo("198.51.100.7");
        assertThat(c.of("0:0:0:0:0:0:0:1", List.of("198.51.100.8"))).isEqualTo("198.51.100.8");
        // A hop that is no address stops the walk at the proxy itself.
        assertThat(c.of("172.18.0.5", List.of("evil.example"))).isEqualTo("172.18.0.5");
        assertThat(c.of("172.18.0.5", List.of())).isEqualTo("172.18.0.5");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }
}
