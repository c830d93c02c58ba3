package dev.aiguardian.guards.trust;

import java.util.HashSet;
import java.util.Set;

import dev.aiguardian.guards.guard.GuardInput;

/** What TrustGuard predicts for a labelled case ({@code {"text","labels","notes"}} per line, read by LabelledCases). */
final class TrustCases {
    private TrustCases() {
    }

    /**
     * The categories the guard reports for {@code text}: injection when the combined score reaches
     * its flag threshold, any other category when its strongest finding does.
     */
    static Set<String> predicted(TrustGuard guard, String text) {
        TrustReport r = (TrustReport) guard.inspect(GuardInput.of(text)).details();
        TrustGuardConfig c = guard.config();
        Set<String> out = new HashSet<>();
        if (r.injectionScore() >= c.injection().flag()) {
            out.add("injection");
        }
        for (Finding f : r.findings()) {
            if (!f.category().equals("injection") && f.score() >= c.thresholds(f.category()).flag()) {
                out.add(f.category());
            }
        }
        return out;
    }
}
