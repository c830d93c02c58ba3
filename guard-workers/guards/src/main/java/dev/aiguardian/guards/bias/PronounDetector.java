package dev.aiguardian.guards.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds default gendered pronouns for a generic person: "every engineer … his", "each nurse …
 * her". A name or an explicit "he or she" between the role and the pronoun makes it specific.
 */
final class PronounDetector {
    /** Pronoun → neutral form; possessive "her" is ambiguous with object "her", so it is not rewritten. */
    private static final Map<String, String> NEUTRAL = Map.of("he", "they", "his", "their", "him", "them",
            "himself", "themselves", "she", "they", "her", "their/them", "hers", "theirs", "herself", "themselves");
    private static final Map<String, String> SAFE_REWRITE = Map.of("his", "their", "him", "them",
            "himself", "themselves", "hers", "theirs", "herself", "themselves");
    private static final int REACH = 25;

    List<Detection> detect(String text, List<Token> tokens, SentenceCues cues) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token q = tokens.get(i);
            if (!cues.is(i, Cue.GENERIC)) {
                continue;
            }
            int roleAt = i + 1;
            // "the average user", "a good manager": allow one adjective between.
            if (!cues.is(roleAt, Cue.ROLE) && roleAt + 1 < tokens.size() && cues.is(roleAt, Cue.ROLE_ADJECTIVE)) {
                roleAt++;
            }
            Token role = tokens.get(roleAt);
            if (role.sentence() != q.sentence() || !cues.is(roleAt, Cue.ROLE)) {
                continue;
            }
            boolean female = false;
            boolean male = false;
            for (int k = roleAt + 1; k < Math.min(tokens.size(), roleAt + REACH); k++) {
                Token t = tokens.get(k);
                if (t.sentence() != q.sentence()) {
                    break;
                }
                if (t.capitalised() && !t.norm().equals("i") && k > roleAt + 1) {
                    break; // a name: "every employee, Maria included, …" is about someone specific.
                }
                String p = t.norm();
                if (cues.is(k, Cue.FEMALE_MARKER)) {
                    female = true;
                } else if (cues.is(k, Cue.MALE_MARKER)) {
                    male = true;
                }
                if (NEUTRAL.containsKey(p)) {
                    if (p.startsWith("h") && !p.startsWith("her") ? male : female) {
                        break; // "each player on the women's team … her": the group says who, not a default.
                    }
                    if (k + 2 < tokens.size() && tokens.get(k + 1).norm().equals("or")
                            && NEUTRAL.containsKey(tokens.get(k + 2).norm())) {
                        break; // "his or her" is an explicit choice, not a default.
                    }
                    String evidence = text.substring(q.start(), t.end());
                    BiasFinding f = new BiasFinding(BiasCategory.GENDER, "default_pronoun", t.start(), t.end(),
                            evidence.length() > 120 ? q.norm() + " " + role.norm() + " … " + p : evidence,
                            Severity.LOW, NEUTRAL.get(p),
                            "gendered pronoun '" + p + "' used for a generic " + role.norm());
                    out.add(new Detection(f, SAFE_REWRITE.get(p)));
                    i = k;
                    break;
                }
            }
        }
        return out;
    }
}
