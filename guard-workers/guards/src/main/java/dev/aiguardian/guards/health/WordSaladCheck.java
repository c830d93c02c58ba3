package dev.aiguardian.guards.health;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds word salad: real English words in no grammatical order, which the known-word test passes. No
 * model and no part-of-speech tagger: English function words have places they cannot stand ("the of",
 * "of is", "was were", a sentence ending in "the"), and prose ties its content words together with
 * function words, so long runs of bare content words inside punctuated sentences are rare. A small
 * word-class lexicon ({@link WordClasses}) adds the slots content words cannot fill: a noun that is not a
 * verb does not take "the" after it ("tractor ocean the"). A tagger was tried and dropped: 40-60 times
 * slower and no surer on salad (docs/guards/healthguard.md). Titles, keyword lists and one-line headlines
 * end without sentence punctuation and are left alone.
 */
final class WordSaladCheck {
    private static final int MIN_WORDS = 8;

    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "every", "its", "their", "our", "my",
            "your");
    private static final Set<String> PREPOSITIONS = Set.of("of", "in", "on", "at", "by", "for", "with", "from", "to",
            "into", "onto", "upon", "under", "over", "between", "among", "amid", "through", "during", "without",
            "within", "toward", "towards", "beneath", "behind", "beyond", "across", "against", "despite", "besides",
            "beside", "around", "about", "after", "before", "above", "below", "near", "since", "until", "via", "per",
            "inside", "outside");
    /** Prepositions that also work as adverbs of place or quantity, so "of about 30" or "from under" is fine. */
    private static final Set<String> ADVERBIAL = Set.of("about", "around", "over", "under", "between", "above",
            "below", "within", "behind", "beyond", "across", "inside", "outside", "after", "before", "until", "since",
            "near");
    /** Prepositions that take a noun phrase and nothing else directly after them. */
    private static final Set<String> STRICT = Set.of("of", "with", "during", "despite", "among", "amid", "via",
            "per", "toward", "towards", "into", "onto", "upon", "beneath");
    private static final Set<String> CONJUNCTIONS = Set.of("and", "or", "but", "nor", "because", "although",
            "though", "whereas", "unless");
    private static final Set<String> COORDINATORS = Set.of("and", "or", "but", "nor");
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "am");
    /** Modals that are never nouns ("the will", "a can", "the may" are). */
    private static final Set<String> MODALS = Set.of("could", "would", "should", "shall", "might", "must");
    private static final Set<String> SUBJECTS = Set.of("i", "he", "she", "we", "they", "me", "him", "us", "them");
    private static final Set<String> OTHER_FUNCTION = Set.of("be", "been", "being", "do", "does", "did", "has",
            "have", "had", "not", "no", "you", "it", "her", "this", "that", "these", "those", "there", "here", "what",
            "which", "who", "whom", "whose", "when", "where", "why", "how", "if", "than", "then", "so", "as", "all",
            "some", "any", "many", "much", "more", "most", "few", "less", "each", "both", "either", "neither", "such",
            "very", "too", "also", "just", "only", "own", "same", "other", "another", "one", "up", "out", "off",
            "down", "again", "while", "yet", "still", "even", "like", "whether", "can", "will", "may", "his", "let",
            "please", "yes", "sure");

    /** Subject pronouns that no preposition takes and no determiner follows ("of they", "she the"). */
    private static final Set<String> SUBJECT_ONLY = Set.of("he", "she", "we", "they");
    /** Nouns that often head a relative clause without "that": "the way the system works", "the day the". */
    private static final Set<String> RELATIVE_HEADS = Set.of("way", "time", "day", "moment", "reason", "place",
            "year", "week", "month", "night", "morning", "evening", "thing", "one", "kind", "sort", "extent", "point",
            "minute", "hour", "second", "side", "end", "rest", "type", "people", "person", "man", "woman", "book",
            "something", "anything", "everything", "nothing", "someone", "anyone", "everyone");

    /** Function words that make a finite verb group ("the team has", "the user will"). */
    private static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "am", "be", "been", "has",
            "have", "had", "do", "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might",
            "must");

    // Each word's memberships of the sets above as bits, read with one probe: kind() and impossiblePair()
    // asked up to seven and ten set questions per word.
    private static final int DET = 1;
    private static final int PREP = 1 << 1;
    private static final int ADV = 1 << 2;
    private static final int STR = 1 << 3;
    private static final int CONJ = 1 << 4;
    private static final int COORD = 1 << 5;
    private static final int AUX = 1 << 6;
    private static final int MOD = 1 << 7;
    private static final int SUBJ = 1 << 8;
    private static final int OTHER = 1 << 9;
    /** The sets that make a word a function word. */
    private static final int FUNCTION_WORD = DET | PREP | CONJ | AUX | MOD | SUBJ | OTHER;
    private static final Map<String, Integer> CLASSES = classes();

    private static Map<String, Integer> classes() {
        Map<String, Integer> m = new HashMap<>();
        List<Map.Entry<Set<String>, Integer>> sets = List.of(Map.entry(DETERMINERS, DET), Map.entry(PREPOSITIONS, PREP),
                Map.entry(ADVERBIAL, ADV), Map.entry(STRICT, STR), Map.entry(CONJUNCTIONS, CONJ),
                Map.entry(COORDINATORS, COORD), Map.entry(BE, AUX), Map.entry(MODALS, MOD), Map.entry(SUBJECTS, SUBJ),
                Map.entry(OTHER_FUNCTION, OTHER));
        for (Map.Entry<Set<String>, Integer> e : sets) {
            for (String w : e.getKey()) {
                m.merge(w, e.getValue(), (x, y) -> x | y);
            }
        }
        return m;
    }

    private static int classes(String w) {
        Integer c = CLASSES.get(w);
        return c == null ? 0 : c;
    }

    // Above the class bits, the other questions the tally asks about one word, answered once per
    // distinct word of a request and kept in its WordTable.
    private static final int VERB = 1 << 10;
    private static final int ADVERB = 1 << 11;
    private static final int SUBJECT_ONLY_WORD = 1 << 12;
    private static final int RELATIVE_HEAD = 1 << 13;
    private static final int AUXILIARY = 1 << 14;
    private static final int ING = 1 << 15;
    private static final int THE = 1 << 16;
    private static final int AN = 1 << 17;
    private static final int TO = 1 << 18;
    private static final int OF = 1 << 19;
    private static final int WE = 1 << 20;
    private static final int APOSTROPHE = 1 << 21;
    private static final int WORKED_OUT = 1 << 30;

    private static int info(String w) {
        int c = classes(w) | WORKED_OUT;
        c |= WordClasses.possibleVerb(w) ? VERB : 0;
        c |= WordClasses.adverb(w) ? ADVERB : 0;
        c |= SUBJECT_ONLY.contains(w) ? SUBJECT_ONLY_WORD : 0;
        c |= RELATIVE_HEADS.contains(w) ? RELATIVE_HEAD : 0;
        c |= AUXILIARIES.contains(w) ? AUXILIARY : 0;
        c |= w.endsWith("ing") ? ING : 0;
        c |= w.equals("the") ? THE : w.equals("an") ? AN : w.equals("to") ? TO : w.equals("of") ? OF
                : w.equals("we") ? WE : 0;
        c |= w.indexOf('\'') >= 0 || w.indexOf('\u2019') >= 0 ? APOSTROPHE : 0;
        return c;
    }

    /**
     * The bits of words seen in earlier requests: answers reuse a few thousand words, and working the bits
     * out takes up to ten set probes a word, a fifth of a 1 KB request. Capped, so odd input cannot grow it
     * without end; past the cap words are worked out each time.
     */
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private static final int SEEN_MAX = 20_000;

    private int info(WordTable table, int id) {
        int c = table.salad[id];
        if (c == 0) {
            String w = table.word(id);
            Integer known = seen.get(w);
            if (known != null) {
                c = known;
            } else {
                c = info(w);
                if (seen.size() < SEEN_MAX) {
                    seen.put(w, c);
                }
            }
            table.salad[id] = c;
        }
        return c;
    }

    private enum Kind { FUNCTION, CONTENT, OTHER }

    /** Counts gathered in one pass over the text. */
    private static final class Tally {
        int words;
        int function;
        int content;
        int contentInLongRuns;
        int violations;
        int verbs;
        int run;
        boolean punctuated;
        String prev;
        int prevId;
        int prevInfo;
        Kind prevKind;
        boolean prevName;
        String prev2;
        int prev2Info;
        Kind prev2Kind;
        String firstViolation;
        /** A noun before "the", a violation unless one of the next two words is a verb. */
        String pending;
        int pendingWords;
        /** The same counts for the sentence in progress, so that salad inside a healthy paragraph shows. */
        int sWords;
        int sFunction;
        int sContent;
        int sContentInLongRuns;
        int sViolations;
        int saladSentences;
        boolean sentenceStart = true;
        final WordTable table;
        final WordSaladCheck check;
        /** The word in progress, lower-cased. */
        char[] buf = new char[32];
        /** The text's words as {@link Words} numbered them, or null; {@code cursor} the first not yet passed. */
        Words numbered;
        int cursor;

        Tally(WordTable table, WordSaladCheck check) {
            this.table = table;
            this.check = check;
        }

        /** @param w the word lower-cased, {@code id} its id in the table and {@code info} its bits (unused for OTHER) */
        void word(String w, int id, int info, Kind kind, boolean capital) {
            if (kind == Kind.OTHER) {
                endRun();
                pending = null; // "the v2 run": a number or identifier may be what the noun is about
                prev = null;
                prev2 = null;
                sentenceStart = false;
                return;
            }
            words++;
            sWords++;
            if (kind == Kind.FUNCTION) {
                function++;
                sFunction++;
                endRun();
            } else {
                content++;
                sContent++;
                run++;
                verbs += (info & VERB) != 0 ? 1 : 0;
            }
            if (pending != null) {
                if (kind == Kind.FUNCTION && (info & AUXILIARY) != 0 || kind == Kind.CONTENT
                        && (info & ING) == 0 && (info & VERB) != 0) {
                    pending = null; // "every request the gateway publishes": a relative clause, not salad
                } else if (--pendingWords == 0) {
                    confirmPending();
                }
            }
            if (prev != null && prevId != id && impossiblePair(prevInfo, info)) { // "the the" is a stutter: repetition's
                violate("'" + prev + " " + w + "'");
            } else if (prev != null && misplaced(info)) {
                if ((info & THE) != 0) {
                    pending = "'" + prev + " " + w + "'"; // judged once the next two words show no verb
                    pendingWords = 2;
                } else {
                    violate("'" + prev + " " + w + "'");
                }
            }
            prev2 = prev;
            prev2Info = prevInfo;
            prev2Kind = prevKind;
            prev = w;
            prevId = id;
            prevInfo = info;
            prevKind = kind;
            prevName = capital && !sentenceStart; // a capital inside a sentence: a name ("Catherine the Great")
            sentenceStart = false;
        }

        /**
         * Word-class pairs that grammar all but forbids: "the" straight after a noun that is not a verb and
         * itself follows a content word, determiner or preposition ("tractor ocean the", "of bread the"), a
         * subject pronoun before "the", or after a preposition ("with they").
         */
        private boolean misplaced(int info) {
            if ((info & THE) != 0) {
                if ((prevInfo & SUBJECT_ONLY_WORD) != 0 && (prevInfo & WE) == 0) {
                    return true;
                }
                return prevKind == Kind.CONTENT && !prevName && prev2 != null && (prevInfo & VERB) == 0
                        && (prevInfo & ADVERB) == 0 && (prevInfo & RELATIVE_HEAD) == 0
                        && (prev2Kind == Kind.CONTENT && (prev2Info & ADVERB) == 0 || (prev2Info & DET) != 0
                                || (prev2Info & PREP) != 0 && (prev2Info & TO) == 0);
            }
            return (info & SUBJECT_ONLY_WORD) != 0 && (prevInfo & PREP) != 0 && (prevInfo & ADV) == 0;
        }

        private void confirmPending() {
            if (pending != null) {
                violate(pending);
                pending = null;
            }
        }

        /** A line break: lists and verse start each line afresh. */
        void lineBreak() {
            pending = null; // a wrapped line may go on with the verb: unknown, so no violation
            pause(false);
            endSentence();
            sentenceStart = true;
        }

        /** Punctuation between words: a comma breaks the pair, a full stop also ends the sentence. */
        void pause(boolean sentenceEnd) {
            confirmPending();
            if (sentenceEnd && prev != null && (prevInfo & (THE | AN)) != 0) {
                violate("a sentence ending in '" + prev + "'");
            }
            if (sentenceEnd && words > 0) {
                punctuated = true;
            }
            endRun();
            prev = null;
            prev2 = null;
            if (sentenceEnd) {
                endSentence();
                sentenceStart = true;
            }
        }

        /** A sentence of word salad inside otherwise healthy text: two broken word orders, or one in a chain. */
        void endSentence() {
            if (sWords >= 6) {
                double fs = sFunction / (double) sWords;
                double lrs = sContent == 0 ? 0 : sContentInLongRuns / (double) sContent;
                if (sViolations >= 2 || sViolations >= 1 && sWords >= 8 && (fs <= 0.3 || lrs >= 0.4)) {
                    saladSentences++;
                }
            }
            sWords = 0;
            sFunction = 0;
            sContent = 0;
            sContentInLongRuns = 0;
            sViolations = 0;
        }

        private void violate(String what) {
            violations++;
            sViolations++;
            if (firstViolation == null) {
                firstViolation = what;
            }
        }

        private void endRun() {
            if (run >= 4) {
                contentInLongRuns += run;
                sContentInLongRuns += run;
            }
            run = 0;
        }
    }

    /** Adds a gibberish issue when the words do not form sentences. */
    void check(String text, List<HealthIssue> out) {
        check(text, new WordTable(), out);
    }

    /** The same, numbering words in {@code table}, which the request's other checks may share. */
    void check(String text, WordTable table, List<HealthIssue> out) {
        check(text, table, null, out);
    }

    /**
     * The same, reading the ids {@code words} gave the text's words where a word here is exactly one of
     * those (ASCII, same span), instead of hashing it again; {@code words} numbered them in {@code table}.
     */
    void check(String text, Words words, List<HealthIssue> out) {
        check(text, words.table, words, out);
    }

    private void check(String text, WordTable table, Words words, List<HealthIssue> out) {
        Tally t = new Tally(table, this);
        t.numbered = words;
        boolean inFence = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int nl = text.indexOf('\n', i);
            int lineEnd = nl < 0 ? n : nl;
            if (text.startsWith("```", firstNonBlank(text, i, lineEnd))) {
                inFence = !inFence;
            } else if (!inFence) {
                line(text, i, lineEnd, t);
            }
            t.lineBreak(); // a line break joins no two words
            i = lineEnd + 1;
        }
        t.endRun();
        t.endSentence();
        if (t.words < MIN_WORDS) {
            return;
        }
        double functionShare = t.function / (double) t.words;
        double longRunShare = t.content == 0 ? 0 : t.contentInLongRuns / (double) t.content;
        boolean salad = t.violations >= 2 && t.violations * 10 >= t.words
                || t.violations >= 1 && (functionShare < 0.3 && longRunShare >= 0.4 || functionShare <= 0.3)
                || t.punctuated && functionShare < 0.2 && longRunShare >= 0.6 && t.verbs * 8 < t.content
                || t.saladSentences > 0;
        if (salad) {
            String why = t.violations > 0 ? t.violations + " impossible word orders (first: " + t.firstViolation + ")"
                    : "no function words tie the words together";
            out.add(new HealthIssue("gibberish", String.format(Locale.ROOT,
                    "real words in no grammatical order: %s; %.0f%% function words (English prose: about 40%%)",
                    why, functionShare * 100), Math.min(0.9, 0.5 + 0.1 * t.violations + (0.4 - functionShare)), null));
        }
    }

    private static int firstNonBlank(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static void line(String text, int from, int to, Tally t) {
        int i = from;
        while (i < to) {
            while (i < to && Words.space(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && !Words.space(text.charAt(i))) {
                i++;
            }
            if (s < i) {
                token(text, s, i, t);
            }
        }
    }

    /** One whitespace-separated chunk: leading and trailing punctuation are pauses, the rest a word or not. */
    private static void token(String text, int s, int e, Tally t) {
        int a = s;
        while (a < e && !Words.letterOrDigit(text.charAt(a))) {
            a++;
        }
        int b = e;
        while (b > a && !Words.letterOrDigit(text.charAt(b - 1))) {
            b--;
        }
        if (a > s) {
            t.pause(false);
        }
        if (a < b) {
            word(text, a, b, t);
        }
        boolean sentenceEnd = false;
        boolean pause = false;
        for (int k = b; k < e; k++) {
            char c = text.charAt(k);
            sentenceEnd |= c == '.' || c == '!' || c == '?' || c == ';';
            pause = true;
        }
        if (pause) {
            t.pause(sentenceEnd);
        }
    }

    private static void word(String text, int a, int b, Tally t) {
        boolean capital = Character.isUpperCase(text.charAt(a));
        boolean upperAfterLower = false;
        boolean lower = false;
        boolean ascii = true;
        for (int k = a; k < b; k++) {
            char c = text.charAt(k);
            if (c >= 'a' && c <= 'z') { // the common case, without the Unicode tables
                lower = true;
                continue;
            }
            ascii &= c < 0x80;
            if (Character.isDigit(c) || !(Character.isLetter(c) || c == '-' || c == '\'' || c == '\u2019')) {
                t.word(null, -1, 0, Kind.OTHER, capital); // numbers, identifiers, paths, URLs
                return;
            }
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (lower) {
                upperAfterLower = true;
            }
        }
        if (upperAfterLower) {
            t.word(null, -1, 0, Kind.OTHER, capital);
            return;
        }
        // ASCII is lower-cased here as String.toLowerCase(Locale.ROOT) would; other text goes through it.
        int len = b - a;
        int id = -1;
        Words w = t.numbered;
        if (w != null && ascii) {
            // Words read an ASCII word lower-cased as here; one of the same start and length is the same word.
            int cur = t.cursor;
            while (cur < w.size() && w.starts[cur] < a) {
                cur++;
            }
            t.cursor = cur;
            if (cur < w.size() && w.starts[cur] == a && t.table.length(w.ids[cur]) == len) {
                id = w.ids[cur];
            }
        }
        char[] buf = t.buf.length >= len ? t.buf : (t.buf = new char[Math.max(len, t.buf.length * 2)]);
        int h = 0;
        for (int k = 0; k < len && id < 0; k++) {
            char c = text.charAt(a + k);
            if (c >= 0x80) {
                id = t.table.id(text.substring(a, b).toLowerCase(Locale.ROOT));
                break;
            }
            c = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            buf[k] = c;
            h = 31 * h + c;
        }
        if (id < 0) {
            id = t.table.id(buf, len, h);
        }
        int info = t.check.info(t.table, id);
        Kind kind = (info & APOSTROPHE) != 0 ? Kind.FUNCTION // contractions carry a pronoun or an auxiliary: "it's", "don't"
                : (info & FUNCTION_WORD) != 0 ? Kind.FUNCTION : Kind.CONTENT;
        t.word(t.table.word(id), id, info, kind, capital);
    }

    /** Word pairs that English grammar does not allow, whatever the content words around them. */
    static boolean impossiblePair(String a, String b) {
        return impossiblePair(info(a), info(b));
    }

    private static boolean impossiblePair(int ca, int cb) {
        boolean strictPreposition = (cb & PREP) != 0 && (cb & ADV) == 0;
        if ((ca & DET) != 0) {
            return (cb & (DET | CONJ | AUX | MOD | SUBJ)) != 0 || strictPreposition;
        }
        if ((ca & STR) != 0) {
            return strictPreposition || (cb & (AUX | MOD)) != 0 || (cb & CONJ) != 0 && (ca & OF) != 0;
        }
        if ((ca & AUX) != 0) {
            return (cb & AUX) != 0;
        }
        if ((ca & MOD) != 0) {
            return (cb & (MOD | AUX)) != 0;
        }
        return (ca & COORD) != 0 && (cb & COORD) != 0;
    }
}
