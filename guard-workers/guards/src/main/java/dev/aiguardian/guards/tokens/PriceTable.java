package dev.aiguardian.guards.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;

/**
 * Model prices and encodings: the bundled {@code tokens/prices.json}, optionally merged with an
 * operator's override (same format; its entries replace or add models by name). Lookup is
 * case-insensitive, ignores a "provider/" prefix and falls back to the longest known name that
 * prefixes the asked one at a '-', ':' or '@' boundary, so dated snapshots such as
 * "gpt-4o-2024-08-06" or "claude-3-5-sonnet-20241022" find their family's price.
 */
public final class PriceTable {

    private static final String BUNDLED = "/tokens/prices.json";

    private final Map<String, ModelPrice> models;
    private final String written;

    private PriceTable(Map<String, ModelPrice> models, String written) {
        this.models = Map.copyOf(models);
        this.written = written;
    }

    /** The table shipped in the module. */
    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + BUNDLED);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bundled table merged with an override. The caller reads the override file (this class does
     * no file I/O, so it stays usable anywhere); null or blank means no override.
     *
     * @param source names the override in error messages, e.g. its path or environment variable
     * @throws IllegalArgumentException naming the source and the bad entry
     */
    public static PriceTable load(String overrideJson, String source) {
        PriceTable base = bundled();
        if (overrideJson == null || overrideJson.isBlank()) {
            return base;
        }
        PriceTable over = parse(overrideJson, source);
        Map<String, ModelPrice> merged = new LinkedHashMap<>(base.models);
        merged.putAll(over.models);
        return new PriceTable(merged, over.written != null ? over.written : base.written);
    }

    /** Parses a table in the prices.json format. */
    public static PriceTable parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode ms = root.path("models");
        if (!ms.isObject()) {
            throw new IllegalArgumentException(source + ": needs an object \"models\": {\"<model>\": {...}}");
        }
        Map<String, ModelPrice> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ms.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(key(e.getKey()), entry(e.getKey(), e.getValue(), source));
        }
        return new PriceTable(out, root.hasNonNull("written") ? root.get("written").asText() : null);
    }

    private static ModelPrice entry(String model, JsonNode n, String source) {
        String where = source + ": model \"" + model + "\"";
        String enc = n.path("encoding").asText("cl100k_base");
        TokenCounter.Bpe bpe = TokenCounter.Bpe.find(enc).orElseThrow(() -> new IllegalArgumentException(
                where + ": encoding \"" + enc + "\" is not one of " + TokenCounter.Bpe.wireNames()));
        return new ModelPrice(key(model), n.path("provider").asText("unknown"), bpe,
                n.path("exact_tokenizer").asBoolean(true), price(n, "input_per_million", where),
                price(n, "output_per_million", where));
    }

    private static BigDecimal price(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || v.decimalValue().signum() < 0) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a number >= 0 (USD per million tokens)");
        }
        // From the text, not the double: 0.075 stays 0.075.
        return new BigDecimal(v.asText());
    }

    /** The price for a model name as a caller spells it, if known. */
    public Optional<ModelPrice> find(String model) {
        String k = key(model);
        int slash = k.lastIndexOf('/');
        if (slash >= 0) {
            k = k.substring(slash + 1);
        }
        ModelPrice exact = models.get(k);
        if (exact != null) {
            return Optional.of(exact);
        }
        String asked = k;
        return models.values().stream()
                .filter(p -> asked.startsWith(p.model()) && "-:@".indexOf(asked.charAt(p.model().length())) >= 0)
                .max(Comparator.comparingInt(p -> p.model().length()));
    }

    public Map<String, ModelPrice> models() {
        return models;
    }

    /** The date the table's prices were written, as the file states it. */
    public String written() {
        return written;
    }

    private static String key(String model) {
        return model.strip().toLowerCase(Locale.ROOT);
    }
}
