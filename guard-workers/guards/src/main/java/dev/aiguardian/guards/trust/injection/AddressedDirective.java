package dev.aiguardian.guards.trust.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds a change of addressee inside processed content: a document, e-mail, page, code comment, data
 * field or tool output that turns to the AI model reading it ("Assistant, …", "hey bot, …", "to the
 * model that answers from this document: …", "whichever assistant receives this chunk must …", a
 * {@code "message_for_assistant"} field) and gives it an order in the same sentence. Works on the
 * folded (lower-case) view.
 */
final class AddressedDirective {

    /** The address and the order after it: [start, end) in the view. */
    record Match(int start, int end) {
    }

    static final double WEIGHT = 0.55;
    static final String EXPLANATION = "Text inside the content turns to the AI model processing it and gives it an order";

    /** What the processing model is called when a document speaks to it. */
    private static final Set<String> MODELS = Set.of("assistant", "assistants", "ai", "ais", "bot", "bots", "chatbot",
            "chatbots", "model", "models", "llm", "llms", "copilot", "gpt", "chatgpt", "claude", "gemini", "summarizer",
            "summariser", "summarizers", "summarisers", "classifier");
    /** Nouns that name a person as often as a program: a model only with a machine descriptor or a participle. */
    private static final Set<String> AMBIGUOUS = Set.of("agent", "agents");
    /** Words that may stand between a determiner and the model noun: "the email bot", "AI sorting", "language model". */
    private static final Set<String> DESCRIPTORS = Set.of("ai", "language", "automated", "virtual", "smart", "email",
            "mail", "shopping", "browsing", "code", "coding", "reviewing", "grading", "screening", "summarising",
            "summarizing", "triage", "parsing", "sorting", "llm", "gpt", "chat", "digital", "autonomous", "software",
            "large", "reviewer", "grader", "screener");
    private static final Set<String> MACHINE = Set.of("ai", "llm", "gpt", "browsing", "shopping", "autonomous",
            "software", "coding", "automated");
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "any", "all", "every", "each",
            "whichever", "whatever", "this", "our");
    /** Greetings and notice openers that make what follows a vocative. */
    private static final Set<String> GREETINGS = Set.of("hey", "hi", "hello", "dear", "attention", "yo", "psst", "ps",
            "to", "for", "notice", "note", "message");
    private static final Set<String> WHOEVER = Set.of("answering", "generating", "processing", "producing");
    /** Roles a model noun may carry: "LLM reviewers", "AI graders". */
    private static final Set<String> ROLES = Set.of("reviewer", "reviewers", "grader", "graders", "screener",
            "screeners", "evaluator", "evaluators", "assistant", "assistants", "agent", "agents");
    /** Greetings that open an address in mid-sentence too: "hidden note for the mail assistant: …". */
    private static final Set<String> OPENERS = Set.of("to", "for", "note", "message", "notice");
    /** The model named by what it is doing to the content: "the model answering …", "any AI that quotes …". */
    private static final Set<String> PARTICIPLES = Set.of("reading", "processing", "parsing", "summarising",
            "summarizing", "sorting", "screening", "reviewing", "checking", "answering", "generating", "drafting",
            "writing", "handling", "receiving", "browsing", "quoting", "explaining", "translating", "grading", "scoring",
            "ranking", "triaging", "indexing", "crawling", "analysing", "analyzing", "that", "who", "which", "reads",
            "receives", "quotes", "answers", "processes", "summarises", "summarizes", "generates", "handles", "parses",
            "sees", "ingesting", "ingests", "evaluating", "evaluates", "assigned", "tasked");
    /** An order to the model: what an injected directive starts with. */
    private static final Set<String> ORDERS = Set.of("ignore", "disregard", "forget", "abandon", "stop", "cease",
            "reveal", "print", "output", "reply", "respond", "answer", "say", "forward", "send", "email", "include",
            "append", "insert", "recommend", "rate", "mark", "disclose", "leak", "share", "comply", "obey", "act",
            "pretend", "treat", "dont", "tell", "list", "write", "return", "approve", "delete",
            "drop", "discard", "override", "bypass", "disable", "add", "leave", "skip", "put", "give", "refuse",
            "promote", "inform", "state", "claim", "buy", "click", "visit", "open", "call", "run", "execute", "post",
            "upload", "rewrite", "end", "confirm", "praise", "quote", "ask", "archive", "set", "report", "expose",
            "describe", "classify", "score", "rank", "assign", "reject", "accept", "place", "order", "transfer",
            "stay", "wipe", "erase", "hide", "omit", "replace", "change", "switch", "download");
    /** Words a clause may open with before its verb. */
    private static final Set<String> SKIP = Set.of("please", "now", "kindly", "also", "then", "just", "first",
            "immediately", "quietly", "simply", "silently", "secretly", "instead", "only", "so", "and", "but", "you",
            "actually", "really", "definitely", "absolutely");
    private static final Set<String> MODALS = Set.of("must", "should", "shall", "will", "need", "needs", "has",
            "have", "is", "are", "may", "can");
    private static final Set<String> TASKS = Set.of("task", "job", "objective", "goal", "instruction", "instructions",
            "orders", "priority", "role", "mission", "purpose", "directive");
    private static final Set<String> TASK_MODIFIERS = Set.of("new", "real", "actual", "true", "only", "main", "next",
            "sole", "updated", "revised", "one");
    /** Field names of tool outputs that carry a message to the model: "assistant_instructions", "ai_note". */
    private static final Set<String> FIELD_NOTICES = Set.of("instructions", "instruction", "note", "notes", "message",
            "notice", "directive", "directives", "prompt", "orders", "command", "commands", "hint", "hints");
    private static final int MAX_ADDRESS_WORDS = 6;
    private static final int MAX_WINDOW_WORDS = 30;
    private static final int MAX_WORD = 24;
    /** The order window is 30 words; no sentence end is looked for further than this. */
    private static final int MAX_SENTENCE = 400;

    /** Address kinds: named by what it does, a vocative, a data field. */
    private static final int PARTICIPLE = 0;
    private static final int VOCATIVE = 1;
    private static final int FIELD = 2;

    private AddressedDirective() {
    }

    private record Word(int start, int end, String text, boolean clauseStart, char after, boolean quoteBefore) {
    }

    /**
     * Every address-plus-order in {@code s}. Linear: each word starts at most a bounded look-ahead.
     * {@code hidden}: the view is a decoded payload or hidden text, where even the first sentence is
     * not the user's own.
     */
    static List<Match> find(String s, boolean hidden) {
        if (!namesAModel(s)) {
            return List.of(); // most text never names a model: one allocation-free pass decides
        }
        List<Word> words = words(s);
        int firstSentenceEnd = hidden ? 0 : firstSentenceEnd(s);
        List<Match> out = new ArrayList<>();
        for (int t = 0; t < words.size(); t++) {
            int[] address = address(s, words, t, firstSentenceEnd);
            if (address == null) {
                continue;
            }
            int end = sentenceEnd(s, words.get(address[0] - 1).end());
            if (address[0] >= words.size() || words.get(address[0]).start() > end) {
                end = sentenceEnd(s, end + 1); // "hi bot! disregard …": the order is the next sentence
            }
            int orderEnd = order(words, address[0], end, address[1] == FIELD);
            if (orderEnd >= 0) {
                out.add(new Match(words.get(t).start(), orderEnd));
                while (t + 1 < words.size() && words.get(t + 1).start() < orderEnd) {
                    t++;
                }
            }
        }
        return out;
    }

    /**
     * An address to the model starting at word {@code t}: {index after the address, kind}, or null.
     * A bare vocative ("Assistant, …") in the text's first sentence is the user speaking to their own
     * assistant, not a document changing its addressee, so it counts only later in the text.
     */
    private static int[] address(String s, List<Word> words, int t, int firstSentenceEnd) {
        Word w0 = words.get(t);
        if (w0.text().length() > 1 && w0.text().contains("_")) {
            return field(s, words, t);
        }
        if (!w0.clauseStart() && !OPENERS.contains(w0.text())) {
            return null;
        }
        int i = t;
        boolean greeted = false;
        if (w0.text().equals("you") && w0.after() == ',' && i + 1 < words.size()) {
            i++; // "you, the model answering questions about this text, …"
            greeted = true;
        }
        while (i < words.size() && i - t < 3 && GREETINGS.contains(words.get(i).text())) {
            greeted = true;
            i++;
        }
        boolean determined = false;
        if (i < words.size() && DETERMINERS.contains(words.get(i).text())) {
            determined = true;
            i++;
        }
        if (i + 2 < words.size() && words.get(i).text().equals("whoever") && words.get(i + 1).text().equals("is")
                && WHOEVER.contains(words.get(i + 2).text())) {
            return new int[] {i + 3, PARTICIPLE}; // "whoever is answering with this article should …"
        }
        // descriptors up to the first model noun: "the email bot", "AI sorting …", "attention language model"
        boolean machine = false;
        int d = i;
        while (d < words.size() && d - i < 3 && !isModelNoun(words.get(d).text())
                && DESCRIPTORS.contains(words.get(d).text())) {
            machine |= MACHINE.contains(words.get(d).text());
            d++;
        }
        if (d >= words.size() || !isModelNoun(words.get(d).text())) {
            return null;
        }
        i = d;
        // "AI assistant", "LLM reviewers": the noun phrase runs on while it names the model or its role
        while (i + 1 < words.size() && i - d < 2 && !isPunct(words.get(i).after())
                && (isModelNoun(words.get(i + 1).text()) || ROLES.contains(words.get(i + 1).text()))) {
            machine |= MACHINE.contains(words.get(i).text());
            i++;
        }
        if (i - t > MAX_ADDRESS_WORDS) {
            return null;
        }
        String noun = words.get(i).text();
        boolean model = MODELS.contains(noun) || machine || greeted && !w0.text().equals("dear")
                || MODELS.contains(words.get(d).text());
        boolean participle = i + 1 < words.size() && PARTICIPLES.contains(words.get(i + 1).text())
                && !isPunct(words.get(i).after());
        if (!model && !participle) {
            return null;
        }
        if (participle) {
            return new int[] {i + 2, PARTICIPLE};
        }
        boolean vocative = isPunct(words.get(i).after());
        if (!vocative) {
            return null;
        }
        // "The grading assistant, a teaching fellow, …" describes; "to the assistant: …" and "AI, …" speak to it
        if (determined && !greeted) {
            return null;
        }
        if (w0.start() < firstSentenceEnd && !greeted) {
            return null;
        }
        if (w0.start() < firstSentenceEnd && greeted && (w0.text().equals("hi") || w0.text().equals("hey")
                || w0.text().equals("hello") || w0.text().equals("dear"))) {
            return null;
        }
        return new int[] {i + 1, VOCATIVE};
    }

    /** A data field named for the model ("assistant_instructions", "message_for_assistant") followed by ':' or '='. */
    private static int[] field(String s, List<Word> words, int t) {
        Word w = words.get(t);
        boolean model = false;
        boolean notice = false;
        for (String part : w.text().split("_")) {
            model |= MODELS.contains(part) || AMBIGUOUS.contains(part);
            notice |= FIELD_NOTICES.contains(part);
        }
        if (!model || !notice) {
            return null;
        }
        int k = w.end();
        while (k < s.length() && k - w.end() < 4 && (s.charAt(k) == '"' || s.charAt(k) == '\'' || s.charAt(k) == ' ')) {
            k++;
        }
        return k < s.length() && (s.charAt(k) == ':' || s.charAt(k) == '=') ? new int[] {t + 1, FIELD} : null;
    }

    /** End of the first order in the address's sentence after word {@code from}, or -1. */
    private static int order(List<Word> words, int from, int sentenceEnd, boolean field) {
        boolean clause = true;
        for (int j = from; j < words.size() && j - from < MAX_WINDOW_WORDS && words.get(j).start() < sentenceEnd; j++) {
            Word w = words.get(j);
            if (w.quoteBefore() && !(field && j == from)) {
                return -1; // a quote closes the address: a list of quoted phrases is not one order
            }
            String x = w.text();
            if (x.equals("instead") || x.equals("regardless") || x.equals("whatever") && j + 2 < words.size()
                    && words.get(j + 1).text().equals("the") && words.get(j + 2).text().equals("user")) {
                return w.end();
            }
            if (x.equals("from") && j + 2 < words.size() && words.get(j + 1).text().equals("now")
                    && words.get(j + 2).text().equals("on")) {
                return words.get(j + 2).end();
            }
            if ((x.equals("your") || x.equals("the")) && j + 2 < words.size()
                    && TASK_MODIFIERS.contains(words.get(j + 1).text()) && TASKS.contains(words.get(j + 2).text())) {
                return words.get(j + 2).end();
            }
            if (MODALS.contains(x)) {
                for (int m = j + 1; m < Math.min(words.size(), j + 4); m++) {
                    if (ORDERS.contains(words.get(m).text()) && words.get(m).start() < sentenceEnd) {
                        return words.get(m).end();
                    }
                }
            }
            if (clause || w.clauseStart()) {
                int k = j;
                while (k < words.size() && k - j < 4 && SKIP.contains(words.get(k).text())) {
                    k++;
                }
                if (k < words.size() && words.get(k).start() < sentenceEnd) {
                    String v = words.get(k).text();
                    if (ORDERS.contains(v) || v.equals("do") && k + 1 < words.size()
                            && words.get(k + 1).text().equals("not")) {
                        return words.get(k).end();
                    }
                }
            }
            clause = false;
        }
        return -1;
    }

    /** Words without which no address is found: the model nouns and "whoever". */
    private static final Set<String> QUICK = java.util.stream.Stream.of(MODELS, AMBIGUOUS, Set.of("whoever"))
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** Their string hash codes, sorted: a word is looked up without being allocated. */
    private static final int[] NOUN_HASHES = QUICK.stream().mapToInt(String::hashCode).sorted().distinct().toArray();
    /** Per first letter a-z, the lengths (as bits) of the nouns starting with it. */
    private static final int[] LENGTHS_BY_FIRST = new int[26];

    static {
        for (String w : QUICK) {
            if (w.length() < 32 && w.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
                LENGTHS_BY_FIRST[w.charAt(0) - 'a'] |= 1 << w.length();
            }
        }
    }

    /** Whether some word (or some part of an underscored name) of {@code s} is a model noun. */
    static boolean namesAModel(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && s.charAt(i) >= 'a' && s.charAt(i) <= 'z') {
                i++;
            }
            int len = i - start;
            // most words have no noun of their first letter and length: those are neither hashed nor looked up
            if (len < 32 && (LENGTHS_BY_FIRST[c - 'a'] & (1 << len)) != 0) {
                int h = 0;
                for (int k = start; k < i; k++) {
                    h = 31 * h + s.charAt(k);
                }
                if (java.util.Arrays.binarySearch(NOUN_HASHES, h) >= 0 && QUICK.contains(s.substring(start, i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isModelNoun(String w) {
        return MODELS.contains(w) || AMBIGUOUS.contains(w);
    }

    private static boolean isPunct(char c) {
        return c == ',' || c == ':' || c == '\u2014' || c == '\u2013' || c == '-' || c == '!';
    }

    private static int firstSentenceEnd(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '.' || c == '?' || c == '!' || c == '\n') {
                return k;
            }
        }
        return s.length();
    }

    /** End of the sentence from {@code from}, looking at most {@link #MAX_SENTENCE} characters ahead (linear time). */
    private static int sentenceEnd(String s, int from) {
        int limit = Math.min(s.length(), from + MAX_SENTENCE);
        for (int k = from; k < limit; k++) {
            char c = s.charAt(k);
            if ((c == '.' || c == '?' || c == '!') && (k + 1 == s.length() || Character.isWhitespace(s.charAt(k + 1)))
                    || c == '\n') {
                return k;
            }
        }
        return limit;
    }

    /** Words of letters, apostrophes and inner underscores, each knowing whether a clause opens before it and the mark after it. */
    private static List<Word> words(String s) {
        List<Word> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        boolean clause = true;
        boolean quote = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                int start = i;
                while (i < n && i - start <= MAX_WORD && (isWordChar(s.charAt(i)))) {
                    i++;
                }
                while (i < n && isWordChar(s.charAt(i))) {
                    i++; // an over-long token is one word, never a match
                }
                String text = s.substring(start, i).replace("'", "");
                int k = i;
                while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\'')) {
                    k++;
                }
                char after = k < n ? s.charAt(k) : '\0';
                out.add(new Word(start, i, i - start > MAX_WORD ? "" : text, clause, after, quote));
                clause = false;
                quote = false;
            } else {
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == ';' || c == ',' || c == '('
                        || c == '[' || c == '{' || c == '<' || c == ']' || c == ')' || c == '"' || c == '\u2014' || c == '\u2013' || c == '-'
                        || c == '*' || c == '/' || c == '#' || c == '>' || c == '|' || c == '=') {
                    clause = true;
                }
                quote |= c == '"' || c == '\u201c' || c == '\u201d';
                i++;
            }
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c == '\'' || c == '_';
    }
}
