package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.aiguardian.guards.text.NextOf;

/**
 * Finds a fake authority header ("SYSTEM ALERT:", "### Updated instructions ###", "[Notice from
 * the operator]") that is followed by an order to the model, in a folded (lower-case) view.
 */
final class HeaderDirective {

    /** A header and the directive after it: [start, end) in the view. */
    record Match(int start, int end) {
    }

    static final double WEIGHT = 0.55;
    static final String EXPLANATION = "Fake system or operator header followed by an order to the model";

    /** Who a fake header claims to speak for. */
    private static final Set<String> ROLES = Set.of("system", "admin", "administrator", "operator", "developer",
            "developers", "moderator", "platform", "root", "security", "maintenance", "compliance", "sysadmin");
    /** What a fake header calls itself. */
    private static final Set<String> NOTICES = Set.of("alert", "notice", "note", "message", "update", "directive",
            "directives", "instruction", "instructions", "override", "announcement", "memo", "order", "orders",
            "command", "commands", "rules", "task", "prompt");
    /** Words that make a notice sound like a replacement of the model's instructions. */
    private static final Set<String> MODIFIERS = Set.of("new", "updated", "revised", "real", "actual", "hidden",
            "secret", "priority", "additional", "changed", "latest", "corrected", "true", "important", "urgent",
            "critical", "official");
    private static final Set<String> FILLERS = Set.of("from", "the", "of", "a", "an", "to", "by");
    /** Every word a header may have: any other word rules the line out. */
    private static final Set<String> HEADER_WORDS = union(ROLES, NOTICES, MODIFIERS, FILLERS);
    /** {@link #HEADER_WORDS} read in place: most lines open with some other word, which then costs no substring. */
    private static final WordTrie HEADER_WORD_TRIE = trieOf(HEADER_WORDS);
    /** An order to the model: what an injected directive starts with. Ordinary notices say "run", "keep", "restart". */
    private static final Set<String> ORDERS = Set.of("ignore", "disregard", "forget", "abandon", "stop", "cease",
            "reveal", "print", "output", "reply", "respond", "answer", "say", "forward", "send", "email", "include",
            "append", "insert", "recommend", "describe", "rate", "mark", "disclose", "leak", "share", "comply", "obey",
            "act", "pretend", "treat", "always", "never", "dont", "translate", "summarise", "summarize", "tell",
            "list", "write", "return", "approve", "delete", "drop", "discard", "override", "bypass", "disable");
    private static final Set<String> SKIP = Set.of("please", "now", "immediately", "also", "then", "kindly", "from",
            "here", "on", "assistant", "ai", "model", "bot", "chatbot", "llm");
    private static final Set<String> MODELS = Set.of("assistant", "ai", "model", "chatbot", "bot", "llm", "you");
    private static final Set<String> OBLIGED = Set.of("must", "shall", "should", "will", "required", "needs",
            "need", "has", "have", "is", "are", "may", "can");
    private static final String DECOR = "#*=-_~[(<{>| \t";
    private static final String CLOSERS = ":])>}=*#-|~";
    private static final int MAX_HEADER_WORDS = 6;
    /** Bounds on every inner scan, so each start position costs a constant and the whole scan stays linear. */
    private static final int MAX_DECOR = 12;
    private static final int MAX_WORD = 24;
    private static final int MAX_GAP = 40;

    private HeaderDirective() {
    }

    /** Every header-plus-order in {@code s}; linear: each header is read once from a line or bracket start. */
    static List<Match> find(String s) {
        List<Match> out = new ArrayList<>();
        int n = s.length();
        boolean lineStart = true;
        // Past a line's first word only a bracket or the line break can matter: jump straight to the next one.
        NextOf next = new NextOf(s, '\n', '[', '(', '<', '{');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (lineStart || c == '[' || c == '(' || c == '<' || c == '{') {
                Match m = at(s, i);
                if (m != null) {
                    out.add(m);
                    i = m.end() - 1;
                    lineStart = false;
                    int j = next.from(i + 1);
                    if (j < 0) {
                        break;
                    }
                    i = j - 1;
                    continue;
                }
            }
            if (c == '\n') {
                lineStart = true;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                lineStart = false;
                int j = next.from(i + 1);
                if (j < 0) {
                    break;
                }
                i = j - 1;
            }
        }
        return out;
    }

    private static Match at(String s, int from) {
        int n = s.length();
        int i = from;
        while (i < n && i - from < MAX_DECOR && DECOR.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        List<String> words = new ArrayList<>();
        int k = i;
        while (k < n && words.size() <= MAX_HEADER_WORDS) {
            int w = k;
            while (k < n && k - w <= MAX_WORD && s.charAt(k) >= 'a' && s.charAt(k) <= 'z') {
                k++;
            }
            if (k == w) {
                break;
            }
            if (k - w > MAX_WORD) {
                return null;
            }
            if (HEADER_WORD_TRIE.lookup(s, w, k, -1) < 0) {
                return null; // isHeader would refuse it: no need to read on
            }
            words.add(s.substring(w, k));
            while (k < n && s.charAt(k) == ' ') {
                k++;
            }
        }
        if (words.isEmpty() || words.size() > MAX_HEADER_WORDS || k >= n) {
            return null;
        }
        char end = s.charAt(k);
        boolean colon = end == ':';
        if (CLOSERS.indexOf(end) < 0 && end != '\n' && end != '\r') {
            return null;
        }
        if (!isHeader(words, colon)) {
            return null;
        }
        int closed = k;
        while (k < n && k - closed < MAX_GAP && (CLOSERS.indexOf(s.charAt(k)) >= 0 || Character.isWhitespace(s.charAt(k)))) {
            k++;
        }
        int orderEnd = order(s, k);
        return orderEnd < 0 ? null : new Match(from, orderEnd);
    }

    /** A notice with a role or a "new/updated" modifier, or a bare role as a speaker label ("ADMINISTRATOR:"). */
    private static boolean isHeader(List<String> words, boolean colon) {
        boolean role = false;
        boolean notice = false;
        boolean modifier = false;
        for (String w : words) {
            if (ROLES.contains(w)) {
                role = true;
            } else if (NOTICES.contains(w)) {
                notice = true;
            } else if (MODIFIERS.contains(w)) {
                modifier = true;
            } else if (!FILLERS.contains(w)) {
                return false;
            }
        }
        return notice && (role || modifier) || role && colon && words.size() == 1;
    }

    /** End of the order that starts at {@code k}, or -1 when the text after the header gives the model none. */
    private static int order(String s, int k) {
        List<int[]> spans = new ArrayList<>();
        int n = s.length();
        int i = k;
        while (i < n && spans.size() < 8) {
            int gap = i;
            while (i < n && !(s.charAt(i) >= 'a' && s.charAt(i) <= 'z')) {
                if (s.charAt(i) == '.' || s.charAt(i) == '\n' || i - gap > MAX_GAP) {
                    i = n; // the order must be in the header's own sentence
                }
                i++;
            }
            int w = i;
            while (i < n && i - w <= MAX_WORD && (s.charAt(i) >= 'a' && s.charAt(i) <= 'z' || s.charAt(i) == '\'')) {
                i++;
            }
            if (i > w) {
                spans.add(new int[] {w, i});
            }
        }
        int first = 0;
        while (first < spans.size() && SKIP.contains(word(s, spans.get(first)))) {
            first++;
        }
        if (first < spans.size()) {
            String w = word(s, spans.get(first));
            if (ORDERS.contains(w) || w.equals("do") && first + 1 < spans.size()
                    && word(s, spans.get(first + 1)).equals("not")) {
                return spans.get(first)[1];
            }
        }
        // "The assistant must now answer...", "you are required to reveal...": a model obliged to act
        for (int j = 0; j + 1 < spans.size(); j++) {
            if (MODELS.contains(word(s, spans.get(j))) && OBLIGED.contains(word(s, spans.get(j + 1)))) {
                for (int m = j + 2; m < Math.min(spans.size(), j + 6); m++) {
                    if (ORDERS.contains(word(s, spans.get(m)))) {
                        return spans.get(m)[1];
                    }
                }
            }
        }
        return -1;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.HashSet<String> all = new java.util.HashSet<>();
        for (Set<String> x : sets) {
            all.addAll(x);
        }
        return all;
    }

    private static WordTrie trieOf(Set<String> words) {
        WordTrie.Builder b = new WordTrie.Builder();
        for (String w : words) {
            b.word(w, 0);
        }
        return b.build();
    }

    private static String word(String s, int[] span) {
        return s.substring(span[0], span[1]).replace("'", "");
    }
}
