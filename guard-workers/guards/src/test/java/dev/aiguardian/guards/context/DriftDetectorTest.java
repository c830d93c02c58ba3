package dev.aiguardian.guards.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DriftDetectorTest {

    /**
     * The centroid update as it was written first: sum into a hash map (the centroid's entries first), sort its
     * entries by weight with a stable sort, keep the first {@code max}, round. The detector finds the cut with a
     * sort of the weights alone and must keep exactly these features with exactly these weights.
     */
    private static int tiedAtTheCut;

    private static Map<Integer, Double> byStableSort(Map<Integer, Double> centroid, SparseVector v, double decay,
            int max) {
        Map<Integer, Double> sum = new HashMap<>((centroid.size() + v.size()) * 2);
        centroid.forEach((k, w) -> sum.merge(k, w * decay, Double::sum));
        for (int i = 0; i < v.size(); i++) {
            sum.merge(v.id(i), v.weight(i), Double::sum);
        }
        List<Map.Entry<Integer, Double>> entries = new ArrayList<>(sum.entrySet());
        entries.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()));
        if (entries.size() > max && entries.get(max - 1).getValue().equals(entries.get(max).getValue())) {
            tiedAtTheCut++; // some features of the cut's weight stay and some go: the order decides which
        }
        Map<Integer, Double> out = new HashMap<>();
        for (Map.Entry<Integer, Double> e : entries.subList(0, Math.min(max, entries.size()))) {
            double r = Math.round(e.getValue() * 1e6) / 1e6;
            if (r > 0) {
                out.put(e.getKey(), r);
            }
        }
        return out;
    }

    @Test
    void centroidKeepsTheStrongestFeaturesAsAStableSortWould() {
        String[] vocabulary = ("dough flour oven loaf crust yeast starter proof knead bake bread rye sourdough "
                + "engine battery starter clutch brake tyre garage motor oil gear invoice refund parcel courier "
                + "mug plate saucer glaze kiln clay wheel trim dry crack handle rim box receipt label").split(" ");
        Random random = new Random(20261202);
        int cuts = 0;
        for (int session = 0; session < 60; session++) {
            int max = new int[] {20, 60, 150, 1500}[session % 4];
            double decay = new double[] {0.8, 0.5, 1.0}[session % 3];
            DriftDetector detector = new DriftDetector(new DriftSettings(0.5, 2, 0.4, decay, max));
            Map<Integer, Double> centroid = Map.of();
            for (int turn = 0; turn < 40; turn++) {
                StringBuilder text = new StringBuilder();
                int words = 1 + random.nextInt(turn % 7 == 0 ? 120 : 14);
                for (int w = 0; w < words; w++) {
                    text.append(vocabulary[random.nextInt(vocabulary.length)]).append(w % 9 == 8 ? ". " : " ");
                }
                SparseVector v = detector.read(text.toString()).vector();
                Map<Integer, Double> expected = byStableSort(centroid, v, decay, max);
                Map<Integer, Double> actual = detector.update(centroid, v);
                assertThat(actual).as("session %d turn %d", session, turn).isEqualTo(expected);
                cuts += centroid.size() + v.size() > max ? 1 : 0;
                centroid = actual;
            }
        }
        assertThat(cuts).as("turns whose update had to drop features").isGreaterThan(1_000);
        assertThat(tiedAtTheCut).as("updates whose cut fell among features of equal weight").isGreaterThan(20);
    }

    @Test
    void aTurnIsReadOnceForJudgingAndForTheTopic() {
        DriftDetector detector = new DriftDetector(DriftSettings.DEFAULT);
        DriftDetector.Reading reading = detector.read("The sourdough starter bubbled, so I fed it more rye flour.");
        assertThat(reading.words()).extracting(TextAnalyzer.Word::stem)
                .containsExactly("sourdough", "starter", "bubbl", "fed", "rye", "flour");
        assertThat(reading.vector().norm()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(detector.read("why?").vector().blank()).isTrue();
    }

    @Test
    void aWordsFeatureFromItsHashIsTheOneFromItsChars() {
        Random rnd = new Random(31);
        for (int run = 0; run < 5000; run++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(run < 4000 ? 20 : 200); k > 0; k--) {
                b.append((char) (rnd.nextBoolean() ? 'a' + rnd.nextInt(26) : rnd.nextInt(0x3000)));
            }
            String stem = b.toString();
            assertThat(DriftDetector.wordFeature(stem)).as(stem)
                    .isEqualTo(DriftDetector.feature(DriftDetector.WORD_KIND, stem));
        }
    }
}
