package dev.aiguardian.guards.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ExemplarsFoldTest {

    private final Exemplars all = new Exemplars("t",
            List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6"), List.of("n0", "n1", "n2", "n3", "n4", "n5"));

    @Test
    void heldPartIsEveryFifthLineOfEachClassFromTheFold() {
        Exemplars held = all.fold(1, 5, true);
        assertThat(held.positives()).containsExactly("p1", "p6");
        assertThat(held.negatives()).containsExactly("n1");
        assertThat(all.fold(1, 5, false).positives()).containsExactly("p0", "p2", "p3", "p4", "p5");
    }

    @Test
    void theHeldPartsPartitionTheSetAndNeverOverlapTheirTrainingPart() {
        List<String> seen = new ArrayList<>();
        for (int fold = 0; fold < 3; fold++) {
            Exemplars held = all.fold(fold, 3, true);
            Set<String> train = new HashSet<>(all.fold(fold, 3, false).positives());
            train.addAll(all.fold(fold, 3, false).negatives());
            held.positives().forEach(p -> assertThat(train).doesNotContain(p));
            seen.addAll(held.positives());
            seen.addAll(held.negatives());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(
                concat(all.positives(), all.negatives()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
