package dev.aiguardian.guards.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The linearity check must catch a quadratic scan, or its passes mean nothing. */
class LinearScalingTest {
    private static volatile long sink;

    @Test
    void aQuadraticScanFails() {
        assertThatThrownBy(() -> LinearScaling.assertLinear("quadratic", n -> "x".repeat(n), text -> {
            int blocks = text.length() / 1024;
            long s = 0;
            for (int i = 0; i < blocks; i++) {
                for (int j = 0; j < blocks; j++) {
                    for (int k = 0; k < 64; k++) {
                        s += text.charAt(j * 1024 + k) ^ i;
                    }
                }
            }
            sink = s;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("quadratic");
    }

    @Test
    void aLinearScanPasses() {
        LinearScaling.assertLinear("linear", n -> "x".repeat(n), text -> sink = text.chars().filter(c -> c == 'x').count());
    }
}
