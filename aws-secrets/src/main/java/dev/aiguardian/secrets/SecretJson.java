package dev.aiguardian.secrets;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.aiguardian.schemas.Json;

/**
 * The secret's text as settings: one flat JSON object whose values are all strings, as the console's key/value
 * editor and {@code aws secretsmanager create-secret --secret-string} store them. Errors name keys and positions,
 * never content (a parser's message quotes the text around the error, which is the secret).
 */
final class SecretJson {
    private static final String FIX = "store one flat JSON object of strings, e.g. {\"UNIFIED_API_KEY\":\"…\"}";

    private SecretJson() {
    }

    static Map<String, String> parse(String secretName, String text) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new SecretReadException("AWS_SECRETS_NAME='" + secretName + "': the secret is not JSON" + where
                    + "; " + FIX);
        }
        if (root == null || !root.isObject()) {
            String kind = root == null || root.isMissingNode() ? "empty" : "a JSON " + kind(root);
            throw new SecretReadException("AWS_SECRETS_NAME='" + secretName + "': the secret is " + kind
                    + ", not an object; " + FIX);
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!field.getValue().isTextual()) {
                throw new SecretReadException("AWS_SECRETS_NAME='" + secretName + "': key " + field.getKey()
                        + " holds a JSON " + kind(field.getValue()) + "; every value must be a string (quote it)");
            }
            values.put(field.getKey(), field.getValue().textValue());
        }
        return values;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> "value of another kind";
        };
    }
}
