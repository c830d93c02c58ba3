package dev.aiguardian.guards.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.aiguardian.guards.guard.GuardInput;
import dev.aiguardian.guards.guard.InvalidOptionException;

/**
 * TokenGuard's payload options, parsed once for {@link TokenGuard#inspect} and for checking a request
 * before it is published.
 *
 * @param price          the priced model ({@code model}), or null
 * @param encoding       {@code encoding}, else the model's, else cl100k_base
 * @param maxTokens      the caller's limit ({@code max_tokens}), or null
 * @param outputEstimate expected output tokens ({@code output_tokens}; default 0)
 * @param output         {@code direction} is "output": the text is a model's answer, not a prompt
 * @param optimize       whether to propose a shorter prompt ({@code optimize}; default true)
 * @param messages       the chat to count ({@code messages}), or null
 */
public record TokenOptions(ModelPrice price, TokenCounter.Bpe encoding, Long maxTokens, long outputEstimate,
                           boolean output, boolean optimize, List<ChatMessage> messages) {

    /**
     * Reads the options of {@code input}; {@code model} must be in {@code prices}.
     *
     * @throws InvalidOptionException naming the option and the fix
     */
    public static TokenOptions parse(GuardInput input, PriceTable prices) {
        ModelPrice price = input.stringOption("model").map(m -> price(prices, m)).orElse(null);
        TokenCounter.Bpe bpe = input.stringOption("encoding")
                .map(name -> TokenCounter.Bpe.find(name).orElseThrow(() -> new InvalidOptionException("encoding",
                        "'" + name + "' is not supported; use one of " + TokenCounter.Bpe.wireNames())))
                .orElse(price != null ? price.encoding() : TokenCounter.Bpe.CL100K_BASE);
        Long maxTokens = input.longOption("max_tokens", 1, Integer.MAX_VALUE).orElse(null);
        long outputEstimate = input.longOption("output_tokens", 0, Integer.MAX_VALUE).orElse(0L);
        String direction = input.stringOption("direction").orElse("input");
        if (!direction.equals("input") && !direction.equals("output")) {
            throw new InvalidOptionException("direction", "must be 'input' (a prompt) or 'output' (a model's answer)");
        }
        boolean optimize = input.boolOption("optimize").orElse(true);
        return new TokenOptions(price, bpe, maxTokens, outputEstimate, direction.equals("output"), optimize,
                messages(input));
    }

    private static ModelPrice price(PriceTable prices, String model) {
        return prices.find(model).orElseThrow(() -> new InvalidOptionException("model", "'" + model
                + "' is not in the price table; use a known model such as gpt-4o, gpt-4o-mini, claude-sonnet-4-5 or "
                + "gemini-2.5-flash, or add it to the operator's price override file"));
    }

    private static List<ChatMessage> messages(GuardInput input) {
        Object raw = input.option("messages").orElse(null);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw new InvalidOptionException("messages", "must be a list of {\"role\", \"content\", \"name\"?} objects");
        }
        List<ChatMessage> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new InvalidOptionException("messages", "[" + i + "] must be an object with role and content");
            }
            Object role = m.get("role");
            Object content = m.get("content");
            Object name = m.get("name");
            if (!(role instanceof String r) || r.isEmpty()) {
                throw new InvalidOptionException("messages", "[" + i + "].role must be a non-empty string");
            }
            if (content != null && !(content instanceof String)) {
                throw new InvalidOptionException("messages", "[" + i + "].content must be a string");
            }
            if (name != null && !(name instanceof String)) {
                throw new InvalidOptionException("messages", "[" + i + "].name must be a string");
            }
            out.add(new ChatMessage(r, (String) content, (String) name));
        }
        return out;
    }
}
