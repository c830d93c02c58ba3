package dev.aiguardian.guards.trust;

/**
 * One thing TrustGuard found: what ({@code type}, {@code category}), where in the original text
 * ([{@code start}, {@code end}) in UTF-16 chars), how sure ({@code score}, 0..1), the evidence
 * (secrets and personal data masked) and why.
 */
public record Finding(String type, String category, int start, int end, double score, String evidence,
        String explanation) {

    public Finding {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + "," + end + ")");
        }
        score = Math.max(0.0, Math.min(1.0, Math.round(score * 1000) / 1000.0));
    }

    boolean overlaps(Finding o) {
        return start < o.end && o.start < end;
    }
}
