package dev.aiguardian.guards.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptOptimizerTest {
    private final PromptOptimizer optimizer = new PromptOptimizer();

    @Test
    void removesRedundantWhitespace() {
        PromptOptimizer.Optimized o = optimizer.optimize("\n\n  Summarise   this\t text.   \r\n\n\n\nThen list   the risks.  \n\n");
        assertThat(o.text()).isEqualTo("Summarise this text.\n\nThen list the risks.");
        assertThat(o.whitespace()).isTrue();
    }

    @Test
    void removesDuplicatedLinesAndSentences() {
        String text = "Answer in English.\nBe concise and precise.\nAnswer in English.\n"
                + "Use bullet points for the list. Keep it short. Use bullet points for the list.";
        PromptOptimizer.Optimized o = optimizer.optimize(text);
        assertThat(o.text()).isEqualTo("Answer in English.\nBe concise and precise.\nUse bullet points for the list. Keep it short.");
        assertThat(o.duplicateLines()).isEqualTo(1);
        assertThat(o.duplicateSentences()).isEqualTo(1);
    }

    @Test
    void duplicateDetectionIgnoresCaseAndSpacingButKeepsShortRepeats() {
        PromptOptimizer.Optimized o = optimizer.optimize("Explain the result in detail. explain  the result in detail!\nYes.\nYes.");
        // "Yes." is too short to be a redundant sentence but is a repeated line.
        assertThat(o.text()).isEqualTo("Explain the result in detail.\nYes.");
    }

    @Test
    void removesFillerPhrasesAndKeepsSentencesCapitalised() {
        PromptOptimizer.Optimized o = optimizer.optimize(
                "Could you please summarise the report? It is important to note that the figures are in EUR. "
                        + "I would like you to use in order to sparingly. Thanks in advance!");
        assertThat(o.text()).isEqualTo("Summarise the report? The figures are in EUR. Use to sparingly.");
        assertThat(o.fillerPhrases()).isEqualTo(5); // please, note, would like, in order to, thanks
    }

    @Test
    void neverTouchesFencedCodeBlocks() {
        String code = "```python\ndef f(x):\n    return  x   *  2\n\n\n\n# please note that   spacing matters\n"
                + "def f(x):\n    return  x   *  2\n```";
        String text = "Please note that   the code below is slow.\n\n" + code + "\n\nPlease note that the code below is slow.";
        PromptOptimizer.Optimized o = optimizer.optimize(text);
        assertThat(o.text()).contains(code);
        assertThat(o.text()).isEqualTo("The code below is slow.\n\n" + code);
    }

    @Test
    void unclosedFenceAndIndentedCodeAreProtectedToo() {
        String text = "Fix   this:\n    x  =  1\n    x  =  1\n~~~\nunclosed   block\nunclosed   block";
        PromptOptimizer.Optimized o = optimizer.optimize(text);
        assertThat(o.text()).isEqualTo("Fix this:\n    x  =  1\n    x  =  1\n~~~\nunclosed   block\nunclosed   block");
    }

    @Test
    void neverTouchesQuotedText() {
        String text = "Translate \"please note that  it is  raining\" literally. "
                + "Translate \"please note that  it is  raining\" literally.\n"
                + "> Could you please   keep this quote exactly?\n> Could you please   keep this quote exactly?\n"
                + "Keep `a  =  b` and “in order to  stay” as they are.";
        PromptOptimizer.Optimized o = optimizer.optimize(text);
        assertThat(o.text()).contains("\"please note that  it is  raining\"")
                .contains("> Could you please   keep this quote exactly?\n> Could you please   keep this quote exactly?")
                .contains("`a  =  b`").contains("“in order to  stay”");
    }

    @Test
    void leavesAnAlreadyTightPromptAlone() {
        String text = "List three prime numbers.\n- one per line\n  - nested item keeps its indent";
        PromptOptimizer.Optimized o = optimizer.optimize(text);
        assertThat(o.text()).isEqualTo(text);
        assertThat(o.whitespace()).isFalse();
        assertThat(o.fillerPhrases() + o.duplicateLines() + o.duplicateSentences()).isZero();
    }

    @Test
    void textUsingThePlaceholderCharactersIsLeftAlone() {
        String text = "odd \uE000 0 \uE001   text \"quoted\"   here";
        assertThat(optimizer.optimize(text).text()).isEqualTo(text);
    }
}
