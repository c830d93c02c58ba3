package dev.aiguardian.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The gateway keeps a caller's valid traceparent and starts a well-formed trace otherwise. */
class TracingTest {
    private static final String W3C = "^00-[0-9a-f]{32}-[0-9a-f]{16}-01$";

    @Test
    void aValidTraceparentIsKept() {
        String given = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        assertThat(Tracing.traceparent(given)).isEqualTo(given);
    }

    @Test
    void aMissingOrBrokenOneIsReplacedByANewTrace() {
        Set<String> seen = new HashSet<>();
        for (String given : new String[] {null, "", "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01", "00-short-b7ad6b7169203331-01"}) {
            for (int i = 0; i < 200; i++) {
                String made = Tracing.traceparent(given);
                assertThat(made).matches(W3C);
                seen.add(made);
            }
        }
        // Ids with leading zero digits are padded, not shortened; every new trace is a different one.
        assertThat(seen).hasSize(1000);
    }
}
