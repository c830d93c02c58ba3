package dev.aiguardian.guards.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a turn points back at something said earlier ("do they need…", "is that safe?",
 * "register it"): such a follow-up continues the session even when it shares no word with it, so
 * its drift score is discounted. English only; a pronoun whose antecedent sits in the same turn is
 * counted too, which is why it only discounts and never decides.
 */
final class BackReference {
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> PRONOUNS = Set.of("they", "them", "he", "she", "him", "her", "his", "its", "their",
            "these", "those");
    // "that"/"this" point back when used as a pronoun ("is that normal", "stop that", "after that?"), not as a
    // determiner or relative ("this winter", "a test that uses"); the word before tells the two apart cheaply.
    private static final Set<String> BEFORE_DEMONSTRATIVE = Set.of("is", "was", "does", "do", "did", "after", "like",
            "about", "with", "for", "of", "stop", "than", "before", "even", "at");
    // "is it cheaper to…" is a dummy subject with nothing to refer to.
    private static final Set<String> BEFORE_DUMMY_IT = Set.of("is", "was", "isn't");

    private BackReference() {
    }

    static boolean refersBack(String text) {
        List<String> ws = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('’', '\''));
        while (m.find()) {
            ws.add(m.group());
        }
        for (int i = 0; i < ws.size(); i++) {
            String w = ws.get(i);
            String prev = i > 0 ? ws.get(i - 1) : "";
            if (PRONOUNS.contains(w)
                    || w.equals("it") && !BEFORE_DUMMY_IT.contains(prev)
                    || (w.equals("that") || w.equals("this")) && (i == ws.size() - 1 || BEFORE_DEMONSTRATIVE.contains(prev))) {
                return true;
            }
        }
        return false;
    }
}
