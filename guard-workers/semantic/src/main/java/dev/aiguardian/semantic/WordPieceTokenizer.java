package dev.aiguardian.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The BERT uncased word-piece tokenizer that all-MiniLM-L6-v2 was trained with, in plain Java, read from the
 * model's {@code tokenizer.json}: the same ids as Hugging Face's tokenizers library for that file
 * (WordPieceTokenizerTest compares them), without its native library, which cost ~39 MiB of resident memory
 * and a 14 MB file unpacked into the home directory at every first start.
 *
 * <p>Only the configuration that file declares is implemented (BertNormalizer with text cleaning, CJK
 * spacing, accent stripping and lower-casing; BertPreTokenizer; WordPiece; [CLS] … [SEP]; right truncation);
 * {@link #read} refuses any other, so a changed model file fails at start-up rather than tokenising wrongly.
 */
final class WordPieceTokenizer {
    private static final String CONTINUATION = "##";

    private final Map<String, Integer> vocab;
    /** Special tokens matched verbatim in the raw text before normalisation ({@code "normalized": false}). */
    private final Map<String, Integer> specials;
    private final int unk;
    private final int cls;
    private final int sep;
    private final int maxLength;
    private final int maxWordChars;

    private WordPieceTokenizer(Map<String, Integer> vocab, Map<String, Integer> specials, int unk, int cls, int sep,
                               int maxLength, int maxWordChars) {
        this.vocab = vocab;
        this.specials = specials;
        this.unk = unk;
        this.cls = cls;
        this.sep = sep;
        this.maxLength = maxLength;
        this.maxWordChars = maxWordChars;
    }

    /** Reads a Hugging Face {@code tokenizer.json}; refuses a configuration this class does not implement. */
    static WordPieceTokenizer read(InputStream json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode norm = root.path("normalizer");
        require(norm.path("type").asText().equals("BertNormalizer") && norm.path("clean_text").asBoolean()
                && norm.path("handle_chinese_chars").asBoolean() && norm.path("lowercase").asBoolean()
                && (norm.path("strip_accents").isNull() || norm.path("strip_accents").asBoolean()), "normalizer", norm);
        require(root.path("pre_tokenizer").path("type").asText().equals("BertPreTokenizer"), "pre_tokenizer",
                root.path("pre_tokenizer"));
        JsonNode model = root.path("model");
        require(model.path("type").asText().equals("WordPiece")
                && model.path("continuing_subword_prefix").asText().equals(CONTINUATION), "model", model.path("type"));
        Map<String, Integer> vocab = new HashMap<>(model.path("vocab").size() * 4 / 3 + 1);
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        Map<String, Integer> specials = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            require(!t.path("normalized").asBoolean() && !t.path("single_word").asBoolean()
                    && !t.path("lstrip").asBoolean() && !t.path("rstrip").asBoolean(), "added token", t);
            specials.put(t.path("content").asText(), t.path("id").asInt());
        }
        JsonNode single = root.path("post_processor").path("single");
        require(root.path("post_processor").path("type").asText().equals("TemplateProcessing") && single.size() == 3
                && single.get(0).path("SpecialToken").path("id").asText().equals("[CLS]")
                && single.get(2).path("SpecialToken").path("id").asText().equals("[SEP]"), "post_processor", single);
        JsonNode truncation = root.path("truncation");
        require(truncation.isNull() || truncation.path("direction").asText().equals("Right"), "truncation", truncation);
        int maxLength = truncation.isNull() ? Integer.MAX_VALUE : truncation.path("max_length").asInt();
        return new WordPieceTokenizer(vocab, specials, id(vocab, model.path("unk_token").asText()), id(vocab, "[CLS]"),
                id(vocab, "[SEP]"), maxLength, model.path("max_input_chars_per_word").asInt(100));
    }

    /** How many ids the vocabulary and the special tokens use (ids 0 to this, exclusive). */
    int vocabularySize() {
        int max = 0;
        for (int id : vocab.values()) {
            max = Math.max(max, id);
        }
        for (int id : specials.values()) {
            max = Math.max(max, id);
        }
        return max + 1;
    }

    /** The ids the model reads: [CLS], the text's word pieces (cut to fit {@code max_length}), [SEP]. */
    long[] encode(String text) {
        int room = maxLength - 2;
        List<Integer> ids = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length() && ids.size() < room; ) {
            String special = specialAt(text, i);
            if (special == null) {
                i++;
                continue;
            }
            pieces(text.substring(from, i), ids, room);
            if (ids.size() < room) {
                ids.add(specials.get(special));
            }
            i += special.length();
            from = i;
        }
        pieces(text.substring(Math.min(from, text.length())), ids, room);
        long[] out = new long[ids.size() + 2];
        out[0] = cls;
        for (int k = 0; k < ids.size(); k++) {
            out[k + 1] = ids.get(k);
        }
        out[out.length - 1] = sep;
        return out;
    }

    /** The longest special token that starts at {@code i}, or null (leftmost-longest, as the library matches). */
    private String specialAt(String text, int i) {
        String best = null;
        for (String s : specials.keySet()) {
            if (text.startsWith(s, i) && (best == null || s.length() > best.length())) {
                best = s;
            }
        }
        return best;
    }

    /** Normalises one stretch of text between special tokens, splits it into words and appends their pieces. */
    private void pieces(String raw, List<Integer> ids, int room) {
        if (raw.isEmpty()) {
            return;
        }
        String text = normalise(raw);
        int n = text.length();
        int wordStart = -1;
        for (int i = 0; i < n && ids.size() < room; ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            boolean space = isWhitespace(cp);
            boolean punct = !space && isPunctuation(cp);
            if (space || punct) {
                if (wordStart >= 0) {
                    word(text.substring(wordStart, i), ids, room);
                    wordStart = -1;
                }
                if (punct) {
                    word(text.substring(i, i + len), ids, room);
                }
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i += len;
        }
        if (wordStart >= 0) {
            word(text.substring(wordStart), ids, room);
        }
    }

    /** Greedy longest-match-first word pieces; a word with a part in no piece is one [UNK], as in BERT. */
    private void word(String w, List<Integer> ids, int room) {
        int chars = w.codePointCount(0, w.length());
        if (chars > maxWordChars) {
            add(ids, unk, room);
            return;
        }
        List<Integer> found = new ArrayList<>();
        int start = 0;
        while (start < w.length()) {
            int end = w.length();
            Integer id = null;
            while (start < end) {
                String sub = start == 0 ? w.substring(0, end) : CONTINUATION + w.substring(start, end);
                id = vocab.get(sub);
                if (id != null) {
                    break;
                }
                end = w.offsetByCodePoints(end, -1);
            }
            if (id == null) {
                add(ids, unk, room);
                return;
            }
            found.add(id);
            start = end;
        }
        for (int id : found) {
            add(ids, id, room);
        }
    }

    private static void add(List<Integer> ids, int id, int room) {
        if (ids.size() < room) {
            ids.add(id);
        }
    }

    /** BertNormalizer: drop control characters, spaces for whitespace, CJK characters set apart, accents off, lower case. */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            if (isWhitespace(cp)) {
                b.append(' ');
            } else if (isCjk(cp)) {
                b.append(' ').appendCodePoint(cp).append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        }
        String decomposed = Normalizer.normalize(b, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (cp < 0x80) {
                out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            } else {
                // Each character on its own, as the library does: full mappings (U+0130), no final-sigma context.
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /**
     * Tab, newline and carriage return count as whitespace, not control; the rest of Cc, Cf, Co, Cs is control.
     * Unassigned code points are kept (the library gives [UNK] for them), which also keeps emoji newer than
     * this JDK's Unicode tables (U+1FAE0, Unicode 14) as the library sees them.
     */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE || t == Character.SURROGATE;
    }

    /** The Unicode White_Space property (Rust's {@code char::is_whitespace}). */
    private static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** ASCII punctuation (which includes $ + < = > ^ ` | ~) or any Unicode P* category. */
    private static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The CJK Unified Ideograph blocks BERT sets apart as words of their own. */
    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    private static int id(Map<String, Integer> vocab, String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalStateException("tokenizer.json: " + token + " is not in the vocabulary");
        }
        return id;
    }

    private static void require(boolean ok, String what, JsonNode node) {
        if (!ok) {
            throw new IllegalStateException("tokenizer.json: unsupported " + what + " " + node
                    + " (WordPieceTokenizer implements BERT uncased only)");
        }
    }
}
