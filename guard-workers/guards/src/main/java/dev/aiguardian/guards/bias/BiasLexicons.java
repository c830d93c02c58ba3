package dev.aiguardian.guards.bias;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The data BiasGuard works from, read once from {@code bias/*.tsv} on the classpath: terms (slurs,
 * gendered titles, exclusionary phrases, profanity), group nouns, and the cue words of the patterns.
 */
public final class BiasLexicons {
    private final Vocabulary vocabulary = new Vocabulary();
    private final PhraseIndex<LexiconEntry> terms = new PhraseIndex<>(vocabulary);
    private final PhraseIndex<BiasCategory> pluralGroups = new PhraseIndex<>(vocabulary);
    private final PhraseIndex<BiasCategory> singularGroups = new PhraseIndex<>(vocabulary);
    private final PhraseIndex<Severity> predicates = new PhraseIndex<>(vocabulary);
    private final Map<String, Set<String>> cues = new HashMap<>();
    private final Map<String, Severity> traitSeverity = new HashMap<>();
    private final Map<String, LexiconEntry> masked = new HashMap<>();
    private int termCount;

    public BiasLexicons() {
        read("bias/terms.tsv", 7, f -> {
            BiasCategory cat = category(f[1]);
            Severity sev = Severity.find(f[3]).orElseThrow(() -> new IllegalStateException("bad severity " + f[3]));
            List<String> alts = f[4].isBlank() || f[4].equals("-") ? List.of() : Arrays.asList(f[4].split("\\|"));
            String rewrite = f[6].equals("-") ? "" : f[6];
            LexiconEntry entry = new LexiconEntry(f[0], cat, f[2], sev, List.copyOf(alts), f[5], rewrite);
            terms.add(f[0], entry);
            termCount++;
            if (f[5].equals("any") && f[0].matches("[a-z]{3,}") && !f[2].equals("gendered_term")
                    && !f[2].equals("outdated_term")) {
                // Profanity claims a shared shape first: "s**t" is far more often "shit" than anything else.
                LexiconEntry old = masked.get(maskKey(f[0]));
                if (old == null || f[2].equals("profanity") && !old.type().equals("profanity")) {
                    masked.put(maskKey(f[0]), entry);
                }
            }
        });
        read("bias/cues.tsv", 2, f -> {
            cues.computeIfAbsent(f[1], k -> new HashSet<>()).add(f[0]);
            Cue.find(f[1]).ifPresent(c -> vocabulary.intern(f[0]).cues |= c.bit());
            if (f[1].equals("trait")) {
                traitSeverity.put(f[0], f.length > 2 ? Severity.find(f[2]).orElse(Severity.MEDIUM) : Severity.MEDIUM);
            }
        });
        read("bias/groups.tsv", 3, f -> {
            BiasCategory category = category(f[1]);
            switch (f[2]) {
                case "sg" -> singularGroups.add(f[0], category);
                // Group noun phrases are expanded here, once, so the scan stays one hash probe per word.
                case "mod" -> cue("group_head").forEach(head -> pluralGroups.add(f[0] + " " + head, category));
                case "obj" -> cue("object_head").forEach(head -> pluralGroups.add(head + " " + f[0], category));
                default -> pluralGroups.add(f[0], category);
            }
        });
        read("bias/predicates.tsv", 2, f -> {
            Severity severity = Severity.find(f[1]).orElseThrow(() -> new IllegalStateException("bad severity " + f[1]));
            if (f[0].equals("{lacks} {virtue}")) {
                for (String lacks : cue("lacks")) {
                    cue("virtue").forEach(virtue -> predicates.add(lacks + " " + virtue, severity));
                }
            } else {
                predicates.add(f[0], severity);
            }
        });
    }

    private static BiasCategory category(String s) {
        return BiasCategory.find(s).orElseThrow(() -> new IllegalStateException("bad category " + s));
    }

    private static void read(String resource, int minFields, Consumer<String[]> line) {
        InputStream in = BiasLexicons.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            int no = 0;
            while ((s = r.readLine()) != null) {
                no++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\t", -1);
                if (f.length < minFields) {
                    throw new IllegalStateException(resource + ":" + no + " needs " + minFields + " tab-separated fields");
                }
                for (int k = 0; k < f.length; k++) {
                    f[k] = f[k].trim();
                }
                line.accept(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PhraseIndex<LexiconEntry> terms() {
        return terms;
    }

    /** First letter, length and last letter: the part of a word that masking ("f**k") leaves. */
    static String maskKey(String word) {
        return word.charAt(0) + Integer.toString(word.length()) + word.charAt(word.length() - 1);
    }

    /**
     * The profanity or slur a masked word stands for ("f**k", "b*tch"), or null. Only words whose
     * first and last letters are kept and whose other letters match the entry are considered.
     */
    public LexiconEntry masked(String word) {
        if (word.length() < 3 || word.indexOf('*') < 0 || word.charAt(0) == '*' || word.charAt(word.length() - 1) == '*') {
            return null;
        }
        LexiconEntry e = masked.get(maskKey(word));
        if (e == null) {
            return null;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c != '*' && c != e.term().charAt(k)) {
                return null;
            }
        }
        return e;
    }

    public PhraseIndex<BiasCategory> pluralGroups() {
        return pluralGroups;
    }

    public PhraseIndex<BiasCategory> singularGroups() {
        return singularGroups;
    }

    private Set<String> cue(String kind) {
        return cues.getOrDefault(kind, Set.of());
    }

    /** Stereotype predicates ("have no morals", "can't be trusted") with their severity. */
    public PhraseIndex<Severity> predicates() {
        return predicates;
    }

    /** Whether {@code word} is a cue of the given kind (see the header of {@code bias/cues.tsv}). */
    public boolean is(String kind, String word) {
        Set<String> s = cues.get(kind);
        return s != null && s.contains(word);
    }

    /**
     * All the lexicons know about {@code word} (its cue kinds, the phrases opening with it), or null: one
     * probe per token answers every {@link #is} question and every phrase look-up.
     */
    Vocabulary.Word word(String word) {
        return vocabulary.find(word);
    }

    /** The tokens of {@code text}, each with what the lexicons know about its word. */
    WordTokenizer.Tokenized tokenize(String text) {
        return WordTokenizer.tokenize(text, vocabulary);
    }

    public Severity traitSeverity(String word) {
        return traitSeverity.getOrDefault(word, Severity.MEDIUM);
    }

    public int termCount() {
        return termCount;
    }
}
