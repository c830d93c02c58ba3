package dev.aiguardian.guards.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The static pre-gate's pure code: pooling, the threshold rule, the file format and its staleness check. */
class StaticGateTest {
    // Pieces 0 and 1 stand for [CLS] and [SEP]; 2..5 are words.
    private static final float[] SCORES = {9f, 9f, 1.0f, -1.0f, 0.5f, -2.0f};
    private static final StaticGate GATE = StaticGate.of("injection", SCORES, 0.25, 0.0);

    @Test
    void aSentenceScoresTheBiasPlusTheMeanOfItsPiecesWithoutClsAndSep() {
        // (1.0 + 0.5) / 2 + 0.25; [CLS] and [SEP] (score 9) are left out
        assertThat(GATE.score(new long[] {0, 2, 4, 1})).isCloseTo(1.0, within(1e-3));
        // (-1.0 - 2.0) / 2 + 0.25
        assertThat(GATE.score(new long[] {0, 3, 5, 1})).isCloseTo(-1.25, within(1e-3));
        // a repeated piece counts each time, as in the model's mean
        assertThat(GATE.score(new long[] {0, 2, 2, 5, 1})).isCloseTo(0.25, within(1e-3));
    }

    @Test
    void belowTheThresholdIsKeptFromTheModelAndWhatCannotBeScoredPasses() {
        assertThat(GATE.passes(new long[] {0, 2, 4, 1})).isTrue();
        assertThat(GATE.passes(new long[] {0, 3, 5, 1})).isFalse();
        assertThat(GATE.withThreshold(-2).passes(new long[] {0, 3, 5, 1})).isTrue();
        // nothing to score, an id outside the table, no ids (a model without word pieces): the model decides
        assertThat(GATE.passes(new long[] {0, 1})).isTrue();
        assertThat(GATE.passes(new long[] {0, 3, 99, 1})).isTrue();
        assertThat(GATE.passes(null)).isTrue();
        assertThat(GATE.score(new long[] {0, 1})).isNaN();
    }

    @Test
    void theThresholdIsTheHighestThatKeepsTheAskedShare() {
        double[] mustKeep = new double[200];
        for (int i = 0; i < mustKeep.length; i++) {
            mustKeep[i] = 199 - i; // 0..199, unsorted
        }
        // 99 % of 200 may lose two: the threshold is the third lowest score
        assertThat(StaticGate.highestKeeping(mustKeep, 0.99)).isEqualTo(2.0);
        assertThat(StaticGate.highestKeeping(mustKeep, 1.0)).isEqualTo(0.0);
        // 99 % of 50 may lose none
        assertThat(StaticGate.highestKeeping(new double[] {3, 1, 2, 5, 4}, 0.99)).isEqualTo(1.0);
        assertThat(StaticGate.highestKeeping(new double[0], 0.99)).isEqualTo(Double.NEGATIVE_INFINITY);
        double t = StaticGate.highestKeeping(mustKeep, 0.99);
        long kept = java.util.Arrays.stream(mustKeep).filter(s -> s >= t).count();
        assertThat(kept).isGreaterThanOrEqualTo(198);
    }

    @Test
    void theFileRoundTripsAndAStaleOneFails() {
        String text = GATE.write("abc123", "all-MiniLM-L6-v2-q");
        List<String> lines = text.lines().toList();
        StaticGate back = StaticGate.read("injection", lines, "abc123");
        assertThat(back.vocabulary()).isEqualTo(SCORES.length);
        assertThat(back.threshold()).isEqualTo(0.0);
        for (long[] ids : List.of(new long[] {0, 2, 4, 1}, new long[] {0, 3, 5, 1}, new long[] {0, 5, 1})) {
            assertThat(back.score(ids)).isEqualTo(GATE.score(ids));
        }
        assertThatThrownBy(() -> StaticGate.read("injection", lines, "def456"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stale");
        assertThatThrownBy(() -> StaticGate.read("injection",
                lines.stream().filter(l -> !l.startsWith("pieces ")).toList(), "abc123"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("incomplete");
    }

    @Test
    void quantisationKeepsEachPieceWithinHalfAStep() {
        float[] s = {0f, 0f, 0.123456f, -3.3f, 2.0f};
        StaticGate g = StaticGate.of("hostility", s, 0, 0);
        double step = 3.3 / 32_767;
        for (int i = 2; i < s.length; i++) {
            assertThat(g.score(new long[] {0, i, 1})).isCloseTo(s[i], within(step / 2 + 1e-9));
        }
    }

    @Test
    void theBundledGatesAreCurrent() {
        for (String name : List.of("injection", "hostility")) {
            List<String> lines = Exemplars.lines("/semantic/" + name + ".gate");
            StaticGate g = StaticGate.read(name, lines, Exemplars.digest("/semantic/" + name + ".txt"));
            assertThat(g.vocabulary()).isEqualTo(30_522);
            assertThat(g.threshold()).isBetween(-5.0, 5.0);
        }
    }
}
