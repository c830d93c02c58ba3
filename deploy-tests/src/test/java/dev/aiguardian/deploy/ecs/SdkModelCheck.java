package dev.aiguardian.deploy.ecs;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks a request JSON against the AWS SDK for Java v2's own model of that request: every field must be one the
 * SDK marshals (by its wire name), of the right JSON type, at every depth, and every enum value one the SDK knows.
 * Returns the problems, each with its JSON path; none means the JSON is what the API accepts in shape.
 */
final class SdkModelCheck {
    private SdkModelCheck() {
    }

    /** {@code builder}: e.g. {@code RegisterTaskDefinitionRequest::builder}, the root of the model to walk. */
    static List<String> check(JsonNode json, Supplier<? extends SdkPojo> builder) {
        List<String> problems = new ArrayList<>();
        object(json, builder.get(), "$", problems);
        return problems;
    }

    private static void object(JsonNode json, SdkPojo pojo, String path, List<String> problems) {
        if (!json.isObject()) {
            problems.add(path + ": expected an object, got " + json.getNodeType());
            return;
        }
        Map<String, SdkField<?>> fields = pojo.sdkFields().stream()
                .collect(Collectors.toMap(SdkModelCheck::wireName, f -> f, (a, b) -> a));
        Class<?> model = modelClass(pojo);
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "." + e.getKey();
            SdkField<?> field = fields.get(e.getKey());
            if (field == null) {
                problems.add(at + ": unknown field for " + model.getSimpleName() + "; known: "
                        + new TreeSet<>(fields.keySet()));
                continue;
            }
            value(e.getValue(), field, at, problems);
            enumValues(e.getValue(), field, model, at, problems);
        }
    }

    private static void value(JsonNode json, SdkField<?> field, String path, List<String> problems) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        if (type == null) {
            problems.add(path + ": the SDK field has no known marshalling type");
            return;
        }
        switch (type) {
            case STRING -> expect(json.isTextual(), json, "a string", path, problems);
            case INTEGER, LONG, SHORT, BYTE -> expect(json.isIntegralNumber(), json, "a whole number", path, problems);
            case FLOAT, DOUBLE, BIG_DECIMAL -> expect(json.isNumber(), json, "a number", path, problems);
            case BOOLEAN -> expect(json.isBoolean(), json, "true or false", path, problems);
            case INSTANT -> expect(json.isNumber() || json.isTextual(), json, "a timestamp", path, problems);
            case SDK_BYTES -> expect(json.isTextual(), json, "base64 text", path, problems);
            case DOCUMENT -> { } // any JSON
            case SDK_POJO -> object(json, field.constructor().get(), path, problems);
            case LIST -> {
                if (expect(json.isArray(), json, "a list", path, problems)) {
                    SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                    for (int i = 0; i < json.size(); i++) {
                        value(json.get(i), member, path + "[" + i + "]", problems);
                    }
                }
            }
            case MAP -> {
                if (expect(json.isObject(), json, "an object", path, problems)) {
                    SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
                    json.fields().forEachRemaining(e -> value(e.getValue(), valueField, path + "." + e.getKey(), problems));
                }
            }
            default -> problems.add(path + ": unexpected SDK type " + type);
        }
    }

    /**
     * The SDK models an enum member as a string with a typed getter ({@code networkMode()} returns
     * {@code NetworkMode}) beside {@code networkModeAsString()}; the enum's {@code fromValue} says whether it knows
     * a value ({@code UNKNOWN_TO_SDK_VERSION} otherwise).
     */
    private static void enumValues(JsonNode json, SdkField<?> field, Class<?> model, String path, List<String> problems) {
        Optional<Class<?>> enumType = enumType(model, field.memberName());
        if (enumType.isEmpty()) {
            return;
        }
        List<JsonNode> values = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(values::add);
        } else {
            values.add(json);
        }
        for (JsonNode v : values) {
            if (!v.isTextual()) {
                continue; // reported as a type problem already
            }
            Set<String> known = known(enumType.get());
            if (!known.contains(v.asText())) {
                problems.add(path + ": '" + v.asText() + "' is not a " + enumType.get().getSimpleName()
                        + " the SDK knows; known: " + known);
            }
        }
    }

    static Optional<Class<?>> enumType(Class<?> model, String memberName) {
        String getter = Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
        try {
            Method typed = model.getMethod(getter);
            boolean hasString = hasMethod(model, getter + "AsString") || hasMethod(model, getter + "AsStrings");
            if (!hasString) {
                return Optional.empty();
            }
            Type t = typed.getGenericReturnType();
            if (t instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> element
                    && element.isEnum()) {
                return Optional.of(element);
            }
            return typed.getReturnType().isEnum() ? Optional.of(typed.getReturnType()) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static Set<String> known(Class<?> enumType) {
        Set<String> known = new TreeSet<>();
        for (Object constant : enumType.getEnumConstants()) {
            if (!((Enum<?>) constant).name().equals("UNKNOWN_TO_SDK_VERSION")) {
                known.add(constant.toString()); // toString() is the wire value
            }
        }
        return known;
    }

    private static boolean hasMethod(Class<?> type, String name) {
        try {
            type.getMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The builder is a nested class of the model it builds ({@code RegisterTaskDefinitionRequest.BuilderImpl}). */
    private static Class<?> modelClass(SdkPojo pojo) {
        Class<?> c = pojo.getClass();
        return c.getEnclosingClass() != null ? c.getEnclosingClass() : c;
    }

    /** The name the field has on the wire: its location name (what the CLI's --cli-input-json takes). */
    private static String wireName(SdkField<?> f) {
        return f.getOptionalTrait(LocationTrait.class).map(LocationTrait::locationName).orElse(f.locationName());
    }

    private static boolean expect(boolean ok, JsonNode json, String what, String path, List<String> problems) {
        if (!ok) {
            problems.add(path + ": expected " + what + ", got " + json.getNodeType().name().toLowerCase()
                    + " " + json);
        }
        return ok;
    }
}
