package dev.aiguardian.guards.tokens;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.aiguardian.schemas.ServiceType;
import dev.aiguardian.schemas.Verdict;
import dev.aiguardian.guards.budget.BudgetCheck;
import dev.aiguardian.guards.budget.BudgetSettings;
import dev.aiguardian.guards.budget.UsageLookup;
import dev.aiguardian.guards.guard.Guard;
import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.GuardOutcome;

/**
 * Counts tokens exactly (text, or a chat's messages with the chat format's overhead), prices them
 * for the caller's model, proposes a shorter prompt and a truncation; flags a count over the
 * caller's {@code max_tokens}. The result carries {@code model}, {@code input_tokens},
 * {@code output_tokens} and {@code estimated_cost_usd}, which the topology turns into usage events and
 * per-user totals; with budgets configured, those totals (read from memory through a
 * {@link UsageLookup}, never over the network) plus this request decide {@code flag} near a budget
 * and {@code block} over it.
 */
public final class TokenGuard implements Guard {

    /**
     * The result's {@code result} object (snake_case on the wire).
     *
     * @param tokenCount          tokens of {@code text}
     * @param encoding            the encoding counted in
     * @param maxTokens           the caller's limit, if any
     * @param charCount           characters of {@code text}
     * @param model               the priced model as the table names it (null without {@code model})
     * @param provider            the model's provider
     * @param exactTokenizer      false when the encoding only approximates the vendor's tokenizer
     * @param chatTokenCount      prompt tokens of {@code messages} in the chat format (null without messages)
     * @param messageCount        number of messages counted
     * @param inputTokens         tokens billed as input: the chat count if messages were given, else the text's
     *                            (0 when {@code direction} is output and there are no messages)
     * @param outputTokens        tokens billed as output: the text's when {@code direction} is output, else
     *                            the caller's {@code output_tokens} estimate (default 0)
     * @param estimatedCostUsd    input and output tokens at the model's prices (null without a model)
     * @param pricesAsOf          the date the price table was written
     * @param optimizedText       the shorter prompt (code and quotes untouched)
     * @param optimizedTokenCount its tokens
     * @param tokensSaved         tokenCount - optimizedTokenCount
     * @param optimizations       what the optimiser removed
     * @param truncatedText       the text cut to {@code max_tokens} (null when within the limit)
     * @param truncatedTokenCount its tokens
     * @param truncatedAt         "sentence", "word" or "token": the boundary it was cut at
     * @param budget              the user's budgets, use so far and this request (null without budgets or user)
     */
    public record TokenReport(int tokenCount, String encoding, Long maxTokens, Integer charCount, String model,
            String provider, Boolean exactTokenizer, Integer chatTokenCount, Integer messageCount, long inputTokens,
            long outputTokens, Double estimatedCostUsd, String pricesAsOf, String optimizedText,
            Integer optimizedTokenCount, Integer tokensSaved, Map<String, Object> optimizations, String truncatedText,
            Integer truncatedTokenCount, String truncatedAt, BudgetCheck.Report budget) {
    }

    private final TokenCounter counter;
    private final PriceTable prices;
    private final ChatCounter chat;
    private final PromptOptimizer optimizer = new PromptOptimizer();
    private final Truncator truncator;
    private final BudgetSettings budgets;
    private final UsageLookup usage;
    private final Clock clock;

    /** With the bundled price table. */
    public TokenGuard(TokenCounter counter) {
        this(counter, PriceTable.bundled());
    }

    public TokenGuard(TokenCounter counter, PriceTable prices) {
        this(counter, prices, BudgetSettings.NONE, UsageLookup.NONE, Clock.systemUTC());
    }

    /**
     * With budgets: {@code usage} answers a user's totals from memory; {@code clock} says which UTC
     * day and month the totals must belong to in order to count.
     */
    public TokenGuard(TokenCounter counter, PriceTable prices, BudgetSettings budgets, UsageLookup usage,
                      Clock clock) {
        this.counter = counter;
        this.prices = prices;
        this.budgets = budgets;
        this.usage = usage;
        this.clock = clock;
        this.chat = new ChatCounter(counter);
        this.truncator = new Truncator(counter);
    }

    @Override
    public ServiceType type() {
        return ServiceType.TOKENGUARD;
    }

    @Override
    public GuardOutcome inspect(GuardInput input) {
        TokenOptions options = TokenOptions.parse(input, prices);
        ModelPrice price = options.price();
        TokenCounter.Bpe bpe = options.encoding();
        Long maxTokens = options.maxTokens();
        long outputEstimate = options.outputEstimate();
        boolean optimize = options.optimize();
        List<ChatMessage> messages = options.messages();

        String text = input.text() == null ? "" : input.text();
        int count = counter.count(text, bpe);
        Integer chatCount = messages == null ? null : chat.count(messages, bpe);
        boolean output = options.output();
        long inputTokens = chatCount != null ? chatCount : output ? 0 : count;
        long outputTokens = output ? count : outputEstimate;
        Double cost = price == null ? null : price.cost(inputTokens, outputTokens);

        // The limit applies to what is sent: the chat when there is one, else the text.
        long limited = chatCount != null && !output ? chatCount : count;
        boolean over = maxTokens != null && limited > maxTokens;
        // Risk grows with how far past the limit the count is, saturating at twice the limit.
        double score = over ? Math.min(1.0, 0.5 + 0.5 * (limited - maxTokens) / (double) maxTokens) : 0.0;

        String optimizedText = null;
        Integer optimizedCount = null;
        Map<String, Object> done = null;
        if (optimize && !text.isEmpty()) {
            PromptOptimizer.Optimized o = optimizer.optimize(text);
            optimizedText = o.text();
            optimizedCount = counter.count(o.text(), bpe);
            if (optimizedCount > count) {
                // Rare (a re-capitalised word can tokenise worse): never propose a costlier prompt.
                optimizedText = text;
                optimizedCount = count;
            }
            done = Map.of("filler_phrases", o.fillerPhrases(), "duplicate_lines", o.duplicateLines(),
                    "duplicate_sentences", o.duplicateSentences(), "whitespace", o.whitespace());
        }
        Truncator.Truncated cut = maxTokens != null && count > maxTokens
                ? truncator.truncate(text, maxTokens.intValue(), bpe) : null;

        BudgetCheck.Report budget = budgets.any() && input.userId() != null
                ? BudgetCheck.evaluate(budgets, input.userId(), usage.totals(input.userId()).orElse(null),
                        inputTokens + outputTokens, cost == null ? 0.0 : cost, clock.instant())
                : null;

        TokenReport report = new TokenReport(count, bpe.wireName(), maxTokens, text.length(),
                price == null ? null : price.model(), price == null ? null : price.provider(),
                price == null ? null : price.exactTokenizer(), chatCount, messages == null ? null : messages.size(),
                inputTokens, outputTokens, cost, price == null ? null : prices.written(), optimizedText, optimizedCount,
                optimizedCount == null ? null : count - optimizedCount, done,
                cut == null ? null : cut.text(), cut == null ? null : cut.tokens(), cut == null ? null : cut.cutAt(),
                budget);
        Verdict verdict = over ? Verdict.FLAG : Verdict.ALLOW;
        if (budget != null) {
            verdict = verdict.strictest(budget.verdict());
            score = Math.max(score, BudgetCheck.score(budget));
        }
        return new GuardOutcome(verdict, score, report);
    }
}
