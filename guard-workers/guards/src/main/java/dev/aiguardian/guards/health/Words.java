package dev.aiguardian.guards.health;

import java.util.Arrays;

/**
 * The words of an output with their offsets, lower-cased, in one pass: each word as its id in a
 * {@link WordTable}. Asked to, the same pass also numbers the output's sentences by their normal form
 * (lower-cased runs of letters and digits joined by single spaces, split at '.', '!', '?' and line
 * breaks), for the repetition check, so that no second pass reads every char again.
 */
final class Words {
    final WordTable table;
    /** Each word's id and offset; only the first {@link #size()} entries are used. */
    int[] ids = new int[16];
    int[] starts = new int[16];
    private int size;

    /** The sentence forms, numbered in their own table; null unless asked for. */
    final WordTable sentenceTable;
    /** Each sentence of four words or more: its form's id and its offset; the first {@link #sentences} entries. */
    int[] sentenceIds = new int[16];
    int[] sentenceStarts = new int[16];
    int sentences;
    private char[] sbuf;
    private int slen;
    private int sh;
    private int spaces;
    private boolean gap;
    private int sstart;

    Words(String text, WordTable table) {
        this(text, table, false);
    }

    /**
     * @param table         numbers the words; null to only count them (JSON answers: nothing reads the words)
     * @param withSentences whether to number the sentence forms too
     */
    Words(String text, WordTable table, boolean withSentences) {
        this.table = table;
        this.sentenceTable = withSentences ? new WordTable() : null;
        if (withSentences) {
            sbuf = new char[64];
        }
        int n = text.length();
        int i = 0;
        char[] buf = new char[32]; // every word's lower-case form, in turn
        while (i < n) {
            char first = text.charAt(i);
            if (!Character.isLetterOrDigit(first)) {
                if (withSentences) {
                    between(first, i);
                }
                i++;
                continue;
            }
            int start = i;
            int len = 0;
            int h = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, len * 2);
                }
                // ASCII letters and digits without the Unicode tables; the same answers.
                char l;
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    l = c;
                } else if (c >= 'A' && c <= 'Z') {
                    l = (char) (c + 32);
                } else if (c >= 0x80 && Character.isLetterOrDigit(c)) {
                    l = Character.toLowerCase(c);
                } else if ((c == '\'' || c == '\u2019') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    buf[len++] = '\'';
                    h = 31 * h + '\'';
                    if (withSentences) {
                        gap = true; // an apostrophe parts a sentence form's words: "don t"
                    }
                    i++;
                    continue;
                } else {
                    break; // the outer loop reads this char
                }
                buf[len++] = l;
                h = 31 * h + l;
                if (withSentences) {
                    letter(l);
                }
                i++;
            }
            if (table == null) {
                size++;
                continue;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            starts[size] = start;
            ids[size++] = table.id(buf, len, h);
        }
        if (withSentences) {
            between('\n', n);
        }
    }

    /** A letter or digit, lower-cased, for the sentence form in progress. */
    private void letter(char l) {
        if (slen + 2 > sbuf.length) {
            sbuf = Arrays.copyOf(sbuf, sbuf.length * 2);
        }
        if (gap && slen > 0) {
            sbuf[slen++] = ' ';
            sh = 31 * sh + ' ';
            spaces++;
        }
        sbuf[slen++] = l;
        sh = 31 * sh + l;
        gap = false;
    }

    /** Any other char at offset {@code i}: a gap between words, or the end of a sentence. */
    private void between(char c, int i) {
        if (!(c == '.' || c == '!' || c == '?' || c == '\n')) {
            gap = true;
            return;
        }
        if (spaces >= 3) {
            if (sentences == sentenceIds.length) {
                sentenceIds = Arrays.copyOf(sentenceIds, sentences * 2);
                sentenceStarts = Arrays.copyOf(sentenceStarts, sentences * 2);
            }
            sentenceIds[sentences] = sentenceTable.id(sbuf, slen, sh);
            sentenceStarts[sentences++] = sstart;
        }
        slen = 0;
        sh = 0;
        spaces = 0;
        gap = false;
        sstart = i + 1;
    }

    int size() {
        return size;
    }

    /** {@link Character#isWhitespace}, ASCII without the Unicode tables: the checks split every chunk with it. */
    static boolean space(char c) {
        return c <= ' ' ? c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' : c >= 0x80 && Character.isWhitespace(c);
    }

    /** {@link Character#isLetterOrDigit}, ASCII without the Unicode tables. */
    static boolean letterOrDigit(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                : Character.isLetterOrDigit(c);
    }

    String word(int i) {
        return table.word(ids[i]);
    }
}
